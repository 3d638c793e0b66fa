"""Every CSV and XLSX export neutralises formulas in users' text (one shared guard)."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from goodpractice.practices.models import PracticePage
from tests.factories import make_member, make_practice, make_user

from .responses import response_text

FORMULA = '=HYPERLINK("http://evil.example","x")'
TURKU = "853"


@pytest.fixture
def editor_client(site):
    # A practice whose title is a formula: published (aging pages, stale report), then
    # edited and sent to moderation (site history, workflow report, status report).
    page = make_practice(title=FORMULA, organisations=(TURKU,))
    PracticePage.objects.filter(pk=page.pk).update(
        last_reviewed_at=timezone.now() - datetime.timedelta(days=800),
        last_published_at=timezone.now() - datetime.timedelta(days=800),
    )
    page.refresh_from_db()
    page.get_workflow().start(page, make_member(TURKU))
    client = Client()
    client.force_login(make_user(groups=("Editors",), superuser=True))
    client.cookies["django_language"] = "en"
    return client


REPORTS = [
    "wagtailadmin_reports:site_history",
    "wagtailadmin_reports:aging_pages",
    "wagtailadmin_reports:workflow",
    "wagtailadmin_reports:workflow_tasks",
    "practices_stale_report",
    "practices_status_report",
]


@pytest.mark.parametrize("report", REPORTS)
@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exports_write_a_formula_title_as_text(editor_client, report, fmt):
    response = editor_client.get(reverse(report), {"export": fmt})
    assert response.status_code == 200
    text = response_text(response).replace('""', '"')
    assert "'" + FORMULA in text.replace("&quot;", '"'), report
