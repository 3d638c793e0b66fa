"""The announcement: public round pages, the winner in the knowledge base, badges and search."""

import pytest
from bs4 import BeautifulSoup
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from goodpractice.awards import services
from goodpractice.awards.announcement import carry_out_announcement, practice_from_nomination
from goodpractice.awards.models import Round
from goodpractice.practices.models import PracticePage
from search.indexing import build_document
from search.models import PendingIndexUpdate
from tests.factories import make_practice

from .announced import RATIONALE_FI, RATIONALE_SV, decided_round
from .factories import make_round, shifted_schedule

pytestmark = pytest.mark.django_db

BADGES = {
    "fi": "Kunnallinen lastensuojeluteko 2026",
    "sv": "Kommunal barnskyddsinsats 2026",
    "en": "Municipal child protection achievement 2026",
}
PERSONAL = ("nina@example.invalid", "Nina Nimeäjä", "+358 40 000 0001", "Nimeäjien yhdistys")


def url(name, language, *args):
    with translation.override(language):
        return reverse(name, args=args or None)


def page(client, path, status=200):
    response = client.get(path)
    assert response.status_code == status, path
    return BeautifulSoup(response.content, "html.parser")


def text(soup):
    return " ".join(soup.get_text(" ").split())


def version(practice, language):
    return PracticePage.objects.get(
        translation_key=practice.translation_key, locale__language_code=language
    )


@pytest.fixture
def pending_round(site):
    """A decided round whose announcement date is still ahead; its winner is a practice."""
    return decided_round(
        2025,
        schedule=shifted_schedule(timezone.localdate(), "deliberation"),
        title="Hyvinvointineuvola",
        practice=make_practice(title="Perhekeskus Tuikku"),
    )


def test_prize_urls_are_translated(site):
    assert url("awards_index", "fi") == "/fi/palkinto/"
    assert url("awards_index", "sv") == "/sv/pris/"
    assert url("awards_round", "en", 2025) == "/en/prize/2025/"


def test_nothing_is_public_before_the_announcement(client, pending_round):
    for language in ("fi", "sv", "en"):
        round_page = text(page(client, url("awards_round", language, 2025)))
        assert "Hyvinvointineuvola" not in round_page
        assert RATIONALE_FI not in round_page and RATIONALE_SV not in round_page
        assert "Hyvinvointineuvola" not in text(page(client, url("awards_index", language)))
    assert "Hyvinvointineuvola" not in text(page(client, "/fi/"))
    assert client.get("/api/search/", {"prize_winning": "true"}).json()["count"] == 0
    practice = Round.objects.get(pk=pending_round.pk).decision.winner.practice
    assert not page(client, practice.url).select(".prize-badge")


def test_publishing_early_shows_winner_mentions_and_rationale(client, pending_round):
    services.publish_announcement(pending_round)

    soup = page(client, url("awards_round", "fi", 2025))
    winner = soup.select_one(".prize-winner")
    assert "Hyvinvointineuvola" in text(winner)
    assert "Imatra" in text(winner)
    assert RATIONALE_FI in text(winner)
    assert "Kunniamaininta tampere" in text(soup)
    assert RATIONALE_SV in text(page(client, url("awards_round", "sv", 2025)))
    # English readers get the Finnish rationale, marked as Finnish.
    english = page(client, url("awards_round", "en", 2025))
    rationale = english.find(string=lambda s: RATIONALE_FI in s).find_parent(lang=True)
    assert rationale["lang"] == "fi"
    assert "published in Finnish and Swedish" in text(english)


def test_the_announcement_date_makes_the_result_public_by_itself(client, site):
    decided_round(title="Hyvinvointineuvola")  # announced on 12 February 2026
    assert "Hyvinvointineuvola" in text(page(client, url("awards_round", "fi", 2026)))


def test_nominators_contact_details_never_appear(client, site):
    round_ = decided_round(title="Hyvinvointineuvola", nominator_organisation="Nimeäjien yhdistys")
    carry_out_announcement(round_)
    practice = Round.objects.get(pk=round_.pk).decision.winner.practice
    paths = [
        url("awards_index", "fi"),
        url("awards_round", "fi", 2026),
        "/fi/",
        version(practice, "fi").url,
        "/api/awards/",
    ]
    for path in paths:
        body = client.get(path).content.decode()
        for personal in PERSONAL:
            assert personal not in body, (path, personal)


def test_prize_page_lists_open_round_and_archive(client, site):
    decided_round(2025, title="Hyvinvointineuvola")
    open_round = make_round(
        2027, schedule=shifted_schedule(timezone.localdate(), "nomination"), call_text_fi="Ehdota!"
    )
    soup = page(client, url("awards_index", "fi"))
    current = soup.select_one("[aria-labelledby=current-heading]")
    assert "Ehdota!" in text(current)
    assert current.find("a", href=url("awards_nominate", "fi"))
    archive = soup.select_one("[aria-labelledby=archive-heading]")
    assert archive.find("a", href=url("awards_round", "fi", 2025))
    assert "Hyvinvointineuvola" in text(archive)
    assert str(open_round.year) not in text(archive)


def test_prize_page_says_when_the_next_round_opens(client, site):
    upcoming = make_round(2027, schedule=shifted_schedule(timezone.localdate(), "upcoming"))
    soup = page(client, url("awards_index", "sv"))
    current = text(soup.select_one("[aria-labelledby=current-heading]"))
    assert "Kommunal barnskyddsinsats 2027" in current
    assert upcoming.nominations_open.strftime("%Y") in current
    assert not soup.find("a", href=url("awards_nominate", "sv"))


def test_navigation_links_to_the_prize(client, site):
    for language, label in (("fi", "Palkinto"), ("sv", "Pris"), ("en", "Prize")):
        nav = page(client, url("awards_index", language)).select_one(".main-nav")
        link = nav.find("a", href=url("awards_index", language))
        assert link.get_text(strip=True) == label
        assert link["aria-current"] == "page"


def test_winner_without_a_practice_gets_one_from_the_nomination(site):
    round_ = decided_round(
        title="Familjecentrets hembesök",
        language="sv",
        what_was_done="Hembesök från rådgivningen.\n\nTeamet kommer hem till familjen.",
    )
    carry_out_announcement(round_)

    winner = Round.objects.get(pk=round_.pk).decision.winner
    practice = winner.practice
    assert practice is not None and practice.live
    assert practice.locale.language_code == "sv" and practice.language == "sv"
    assert practice.title == "Familjecentrets hembesök"
    assert list(practice.organisations.all()) == [winner.nominee]
    assert practice.featured
    assert "<p>Teamet kommer hem till familjen.</p>" in practice.description
    assert practice.summary.startswith("Hembesök från rådgivningen.")
    assert not practice.contact_email and not practice.contact_name
    # Every language's site has it.
    assert PracticePage.objects.filter(translation_key=practice.translation_key).count() == 3
    # Idempotent: carrying out again creates nothing.
    pages = PracticePage.objects.count()
    carry_out_announcement(round_)
    assert PracticePage.objects.count() == pages
    assert practice_from_nomination(winner) == practice


def test_practice_from_a_nomination_without_consent_waits_as_a_draft(site):
    round_ = decided_round(consent_to_publish=False)
    carry_out_announcement(round_)
    practice = Round.objects.get(pk=round_.pk).decision.winner.practice
    assert not practice.live


def test_an_existing_practice_is_linked_featured_and_badged_in_three_languages(client, site):
    practice = make_practice(title="Perhekeskus Tuikku", organisations=("153",))
    assert not practice.featured
    round_ = decided_round(title="Perhekeskus Tuikku", practice=practice)
    carry_out_announcement(round_)

    practice.refresh_from_db()
    assert practice.featured
    assert PracticePage.objects.filter(translation_key=practice.translation_key).count() == 3
    for language, badge in BADGES.items():
        soup = page(client, version(practice, language).url)
        link = soup.select_one(".prize-badge")
        assert link is not None, language
        assert link.get_text(" ", strip=True) == badge
        assert link["href"] == url("awards_round", language, 2026)


def test_home_page_shows_the_latest_winner(client, site):
    decided_round(2025, title="Vanha voittaja")
    newer = decided_round(2026, title="Uusi voittaja")
    carry_out_announcement(newer)
    for language in ("fi", "sv", "en"):
        section = page(client, f"/{language}/").select_one(".prize-latest")
        assert section is not None, language
        assert "Uusi voittaja" in text(section)
        assert "Vanha voittaja" not in text(section)
        title_link = section.select_one(".card__title a")
        practice = Round.objects.get(year=2026).decision.winner.practice
        assert title_link["href"] == version(practice, language).url


def test_prize_winning_filter_in_the_database_search(client, site, settings):
    settings.SEARCH_URL = ""
    make_practice(title="Tavallinen käytäntö")
    winner_practice = make_practice(title="Palkittu käytäntö")
    round_ = decided_round(title="Palkittu käytäntö", practice=winner_practice)
    carry_out_announcement(round_)

    for language in ("fi", "sv", "en"):
        data = client.get("/api/search/", {"prize_winning": "true", "lang": language}).json()
        assert data["backend"] == "database"
        assert [r["title"] for r in data["results"]] == ["Palkittu käytäntö"], language
    data = client.get("/api/search/", {"prize_winning": "false"}).json()
    titles = [r["title"] for r in data["results"]]
    assert "Tavallinen käytäntö" in titles and "Palkittu käytäntö" not in titles
    facet = {v["value"]: v["count"] for v in data["facets"]["prize_winning"]}
    assert facet == {"true": 1, "false": len(titles)}


def test_index_documents_mark_winners_and_announcement_queues_a_reindex(site, settings):
    practice = make_practice(title="Palkittu käytäntö")
    round_ = decided_round(title="Palkittu käytäntö", practice=practice)
    assert all(
        build_document(version(practice, lang))["prize_winning"] for lang in ("fi", "sv", "en")
    )
    other = make_practice(title="Muu")
    assert build_document(other)["prize_winning"] is False

    # An unreachable engine: the updates stay queued for when it returns.
    settings.SEARCH_URL = "http://127.0.0.1:9"
    PendingIndexUpdate.objects.all().delete()
    carry_out_announcement(round_)
    queued = set(PendingIndexUpdate.objects.values_list("page_id", flat=True))
    versions = PracticePage.objects.filter(translation_key=practice.translation_key)
    assert set(versions.values_list("pk", flat=True)) <= queued


def test_announce_due_rounds_command_handles_each_round_once(site):
    round_ = decided_round(title="Päivämäärän mukaan")
    out = call_command_output("announce_due_rounds")
    assert "1 (2026)" in out
    decision = Round.objects.get(pk=round_.pk).decision
    assert decision.announced_at is not None and decision.winner.practice is not None
    assert call_command_output("announce_due_rounds").startswith("Announcements carried out: 0")


def test_rounds_not_yet_announced_are_not_carried_out(pending_round):
    with pytest.raises(ValidationError):
        carry_out_announcement(pending_round)
    assert call_command_output("announce_due_rounds").startswith("Announcements carried out: 0")
    assert Round.objects.get(pk=pending_round.pk).decision.announced_at is None


def call_command_output(name, *args):
    from io import StringIO

    out = StringIO()
    with translation.override("en"):
        call_command(name, *args, stdout=out)
    return out.getvalue()


def test_publishing_in_the_round_admin_carries_out_the_announcement(rf, pending_round):
    from goodpractice.awards.wagtail_hooks import carry_out_published_announcement

    from .factories import make_user

    request = rf.post("/")
    request.user = make_user()
    carry_out_published_announcement(request, pending_round)  # not published: nothing
    assert Round.objects.get(pk=pending_round.pk).decision.announced_at is None

    pending_round.announcement_published = True
    pending_round.save()
    carry_out_published_announcement(request, pending_round)
    decision = Round.objects.get(pk=pending_round.pk).decision
    assert decision.announced_at is not None
    assert decision.winner.practice.live


def test_sitemap_lists_the_prize_page_and_announced_rounds(client, pending_round):
    decided_round(2026)
    content = client.get("/sitemap.xml").content.decode()
    for language in ("fi", "sv", "en"):
        assert url("awards_index", language) + "</loc>" in content
        assert url("awards_round", language, 2026) in content
        assert url("awards_round", language, 2025) not in content


def test_an_editor_without_page_permissions_can_publish_the_announcement(site):
    from django.contrib.auth.models import Group

    from .factories import make_user

    secretary = make_user()
    secretary.groups.add(Group.objects.get(name="Secretariat"))
    practice = make_practice(title="Perhekeskus Tuikku")
    linked = decided_round(
        2025,
        schedule=shifted_schedule(timezone.localdate(), "deliberation"),
        practice=practice,
    )
    services.publish_announcement(linked, user=secretary)
    assert PracticePage.objects.get(pk=practice.pk).featured

    created = decided_round(2026, schedule=shifted_schedule(timezone.localdate(), "deliberation"))
    services.publish_announcement(created, user=secretary)
    assert Round.objects.get(pk=created.pk).decision.winner.practice.live
