"""The demo content loads through the importer, idempotently, into every language's site."""

import html
import re
from io import StringIO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone, translation
from django.utils.formats import date_format
from wagtail.models import Page, Revision

from goodpractice.awards.models import Conflict, Nomination, Round, Score
from goodpractice.practices.demo import DEMO_FILE, FEATURED
from goodpractice.practices.exchange import original_practices
from goodpractice.practices.models import PracticeIndexPage, PracticePage


def load_demo_data():
    out = StringIO()
    with translation.override("en"):
        call_command("load_demo_data", stdout=out, stderr=StringIO())
    return out.getvalue()


def listed_titles(client, index):
    """Every practice title listed on an index page, following its pagination."""
    titles, number = set(), 1
    while True:
        response = client.get(index.url, {"page": number})
        assert response.status_code == 200
        content = html.unescape(response.content.decode())
        found = {
            p.title for p in PracticePage.objects.filter(locale=index.locale) if p.title in content
        }
        titles |= found
        if f"page={number + 1}" not in content:
            return titles
        number += 1


def test_demo_data_loads_once_and_then_changes_nothing(site):
    out = load_demo_data()

    originals = original_practices()
    count = originals.count()
    assert count >= 12
    assert f"created {count}, updated 0, unchanged 0, failed 0" in out
    assert originals.filter(locale__language_code="sv").count() >= 4
    assert originals.filter(locale__language_code="fi").count() >= 4
    assert set(originals.filter(featured=True).values_list("external_id", flat=True)) == set(
        FEATURED
    )
    # Featuring shows in every language's site.
    assert PracticePage.objects.live().filter(featured=True).count() == 3 * len(FEATURED)
    pages, revisions = Page.objects.count(), Revision.objects.count()

    out = load_demo_data()

    assert f"created 0, updated 0, unchanged {count}, failed 0" in out
    assert (Page.objects.count(), Revision.objects.count()) == (pages, revisions)


def test_every_demo_practice_is_listed_in_every_language(site, client):
    load_demo_data()
    originals = original_practices()
    titles = set(originals.values_list("title", flat=True))
    for language in ("fi", "sv", "en"):
        index = PracticeIndexPage.objects.get(locale__language_code=language)
        live = PracticePage.objects.live().filter(locale=index.locale)
        assert live.count() == originals.count()
        assert listed_titles(client, index) == titles, language


def test_the_demo_file_is_what_the_exporter_writes(site):
    load_demo_data()
    out = StringIO()
    call_command("export_practices", stdout=out)
    assert out.getvalue().encode("utf-8") == DEMO_FILE.read_bytes()


def test_demo_contacts_are_fictitious_and_links_public():
    content = DEMO_FILE.read_text(encoding="utf-8")
    emails = re.findall(r'"email": "([^"]*)"', content)
    assert emails and all(email.endswith("@example.invalid") for email in emails)
    assert not re.search(r'"phone": "[^"]', content)
    assert all(url.startswith("https://") for url in re.findall(r'"(https?://[^"]+)"', content))


@override_settings(DEBUG=False)
def test_no_superuser_is_created_without_debug(site):
    out = load_demo_data()
    assert not get_user_model().objects.filter(username="admin").exists()
    assert "No demo superuser" in out


@override_settings(DEBUG=True)
def test_in_development_the_demo_superuser_is_created_and_printed(site):
    out = load_demo_data()
    user = get_user_model().objects.get(username="admin")
    assert user.is_superuser and user.check_password("admin")
    assert f"{settings.SITE_URL}/admin/ (username admin, password admin)" in out

    user.set_password("something-else")
    user.save()
    out = load_demo_data()
    assert get_user_model().objects.filter(username="admin").count() == 1
    assert "exists with its own password" in out


@override_settings(DEBUG=True)
def test_demo_prize_rounds_finished_and_open(site, client):
    out = load_demo_data()
    assert "demo prize rounds: created 2, unchanged 0" in out
    assert "Demo jury: demo-chair" in out
    today = timezone.localdate()
    finished = Round.objects.get(year=today.year - 1)
    current = Round.objects.get(year=today.year)

    assert finished.is_announced() and current.accepts_nominations()
    assert finished.nominations.count() >= 4
    assert (
        finished.nominations.filter(screening_status="ineligible")
        .exclude(screening_reason="")
        .exists()
    )
    assert finished.nominations.filter(merged_at__isnull=False).count() == 1
    members = finished.jury_members.all()
    assert members.jurors().count() == 3 and members.panel().count() == 2
    # One juror is conflicted by organisation, with the winner's county.
    winner = finished.decision.winner
    conflicted = Conflict.objects.filter(jury_member__round=finished, automatic=True)
    assert conflicted.filter(nomination=winner).count() == 1
    scores = Score.objects.filter(nomination__round=finished)
    assert scores.exists() and not scores.filter(submitted_at__isnull=True).exists()
    assert not scores.filter(
        jury_member=conflicted.get(nomination=winner).jury_member, nomination=winner
    ).exists()
    assert scores.filter(jury_member__role="panel").exists()
    # The winner is a demo practice, shown with its badge and on the home page.
    assert winner.practice.external_id == "demo-hjalp-hem"
    assert finished.decision.honourable_mentions.count() == 1
    assert (
        f"Kommunal barnskyddsinsats {finished.year}"
        in client.get(winner.practice.url).content.decode()
    )
    assert winner.title in client.get("/fi/").content.decode()
    assert current.nominations.count() >= 1
    assert current.jury_members.count() == 5

    pages, nominations = Page.objects.count(), Nomination.objects.count()
    out = load_demo_data()
    assert "demo prize rounds: created 0, unchanged 2" in out
    assert (Page.objects.count(), Nomination.objects.count()) == (pages, nominations)


@override_settings(DEBUG=False)
def test_demo_prize_rounds_without_debug_have_no_jury_users(site):
    load_demo_data()
    finished = Round.objects.get(year=timezone.localdate().year - 1)
    assert finished.is_announced()
    assert finished.decision.winner.practice.external_id == "demo-hjalp-hem"
    assert not finished.jury_members.exists()
    assert not get_user_model().objects.filter(username__startswith="demo-").exists()


def test_demo_adoptions_show_the_spread_and_load_once(site, client):
    from goodpractice.practices.demo.adoptions import DEMO_ADOPTIONS
    from goodpractice.practices.models import Adoption

    out = load_demo_data()
    assert f"demo adoptions: created {len(DEMO_ADOPTIONS)}, unchanged 0" in out
    assert Adoption.objects.count() == len(DEMO_ADOPTIONS)
    # Each is kept on the practice as written, and shows in every language's site.
    assert set(Adoption.objects.values_list("practice__external_id", flat=True)) == {
        row[0] for row in DEMO_ADOPTIONS
    }
    systemic = PracticePage.objects.get(
        external_id="demo-systeeminen-toimintamalli", locale__language_code="sv"
    )
    page = client.get(systemic.url).content.decode()
    assert "Tagits i bruk av 3 andra organisationer." in page
    assert "@example.invalid" not in page
    table = client.get("/en/map/").content.decode()
    assert "Pirkanmaa wellbeing services county: 1 practice, 2 adoptions" in table

    out = load_demo_data()
    assert f"demo adoptions: created 0, unchanged {len(DEMO_ADOPTIONS)}" in out
    assert Adoption.objects.count() == len(DEMO_ADOPTIONS)


@override_settings(DEBUG=True)
def test_demo_juror_signs_in_and_scores_at_once(site, client):
    out = load_demo_data()
    assert "demo jury round in scoring: created 1, unchanged 0" in out
    practice_round = Round.objects.get(name_en="Jury practice round")
    assert practice_round.scoring_is_open()
    # The other demo rounds are still there.
    today = timezone.localdate()
    assert Round.objects.filter(year__in=[today.year - 1, today.year]).count() == 2

    client.force_login(get_user_model().objects.get(username="demo-juror"))
    client.cookies["django_language"] = "en"
    dashboard = html.unescape(client.get("/admin/").content.decode())
    assert "Left for you to score" in dashboard
    with translation.override("en"):
        deadline = date_format(practice_round.scoring_close)
    assert f"3 nominations to score by {deadline}." in dashboard
    nomination = practice_round.nominations.get(title="Perhekeskuksen avoin vastaanotto")
    assert nomination.title in dashboard
    form = client.get(f"/admin/jury/{practice_round.pk}/nominations/{nomination.pk}/")
    assert "Submit scores" in form.content.decode()

    out = load_demo_data()
    assert "demo jury round in scoring: created 0, unchanged 1" in out
    assert Round.objects.filter(name_en="Jury practice round").count() == 1
