"""Jurors' scores stay out of Wagtail's generic views: the log labels and site history."""

import importlib

import pytest
from django.apps import apps as global_apps
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from goodpractice.awards.models import Role, Score
from tests.awards.factories import (
    DURING_SCORING,
    at,
    in_group,
    make_juror,
    make_nomination,
    make_round,
    organisations,
)

from .responses import response_text

pytestmark = pytest.mark.django_db

SITE_HISTORY = [
    reverse("wagtailadmin_reports:site_history"),
    reverse("wagtailadmin_reports:site_history_results"),
    reverse("wagtailadmin_reports:site_history") + "?export=csv",
    reverse("wagtailadmin_reports:site_history") + "?export=xlsx",
]


@pytest.fixture
def scored(client):
    from goodpractice.awards import services

    orgs = organisations()
    round_ = make_round()
    nomination = make_nomination(round_, orgs["imatra"])
    scorer = make_juror(round_)
    services.save_scores(
        scorer,
        nomination,
        dict.fromkeys(round_.criteria.all(), (4, "Salainen perustelu")),
        now=at(DURING_SCORING),
    )
    return round_, nomination


@pytest.mark.parametrize("role", [Role.JUROR, Role.PANEL, Role.CHAIR])
def test_jury_members_do_not_see_scores_in_site_history(client, scored, role):
    round_, nomination = scored
    member = make_juror(round_, role=role)
    client.force_login(member.user)
    for url in SITE_HISTORY:
        response = client.get(url)
        body = response_text(response)
        assert nomination.reference not in body, url


def test_secretariat_sees_score_changes_without_values(client, scored):
    _round, nomination = scored
    client.force_login(in_group("Secretariat"))
    body = response_text(client.get(SITE_HISTORY[1]))
    assert nomination.reference in body
    assert ": 4" not in body
    labels = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Score)
    ).values_list("label", flat=True)
    assert labels and not any(label.rstrip().endswith("4") for label in labels)


def test_migration_scrubs_stored_score_values_from_labels(scored):
    score_type = ContentType.objects.get_for_model(Score)
    old = ModelLogEntry.objects.create(
        content_type=score_type,
        object_id="1",
        label="Juho Tuomari (Tuomari) / LT-2026-0003 / Lapsen etu: 4",
        action="awards.score_changed",
        timestamp=timezone.now(),
    )
    migration = importlib.import_module(
        "goodpractice.awards.migrations.0007_jury_group_without_model_permissions"
    )
    migration.scrub_score_labels(global_apps, None)
    old.refresh_from_db()
    assert old.label == "Juho Tuomari (Tuomari) / LT-2026-0003 / Lapsen etu"
