"""A lost database connection answers 503 with a clear, translated "try again" page."""

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from goodpractice.awards import services
from goodpractice.awards.models import Nomination
from tests.awards.factories import make_round, organisations, shifted_schedule
from tests.awards.test_public import form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def nominate_path(site):
    make_round(schedule=shifted_schedule(timezone.localdate(), "nomination"))
    with translation.override("sv"):
        return reverse("awards_nominate")


def fail(*args, **kwargs):
    raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")


def test_database_outage_gets_a_503_try_again_page_in_the_visitors_language(
    nominate_path, monkeypatch
):
    orgs = organisations()
    monkeypatch.setattr(services, "submit_nomination", fail)
    response = Client(raise_request_exception=False).post(nominate_path, form_data(orgs["imatra"]))
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert '<html lang="sv">' in page
    assert "Tjänsten är tillfälligt otillgänglig" in page
    assert "Traceback" not in page and "OperationalError" not in page
    assert not Nomination.objects.exists()


def test_other_errors_still_get_the_500_page(nominate_path, monkeypatch):
    orgs = organisations()

    def broken(*args, **kwargs):
        raise RuntimeError("a bug")

    monkeypatch.setattr(services, "submit_nomination", broken)
    response = Client(raise_request_exception=False).post(nominate_path, form_data(orgs["imatra"]))
    assert response.status_code == 500
