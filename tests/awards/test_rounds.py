"""Rounds, phases, default criteria and nominations."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from goodpractice.awards import services
from goodpractice.awards.models import Criterion, Nomination, Phase, PhaseError, Round
from goodpractice.validators import PERSONAL_IDENTITY_CODE_MESSAGE

from .factories import (
    DURING_NOMINATION,
    SCHEDULE_2026,
    at,
    make_nomination,
    make_round,
    nomination_fields,
    organisations,
)

HETU = "131052-308T"
pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("day", "phase"),
    [
        (datetime.date(2025, 9, 30), Phase.UPCOMING),
        (datetime.date(2025, 10, 1), Phase.NOMINATION),
        (datetime.date(2025, 12, 15), Phase.NOMINATION),  # the close date is inclusive
        (datetime.date(2025, 12, 16), Phase.SCREENING),
        (datetime.date(2026, 1, 6), Phase.SCREENING),
        (datetime.date(2026, 1, 7), Phase.SCORING),
        (datetime.date(2026, 1, 31), Phase.SCORING),
        (datetime.date(2026, 2, 1), Phase.DELIBERATION),
        (datetime.date(2026, 2, 12), Phase.ANNOUNCED),
    ],
)
def test_phase_follows_the_dates(day, phase):
    round_ = Round(year=2026, **SCHEDULE_2026)
    assert round_.phase(day) == phase


def test_phase_uses_finnish_days_for_datetimes():
    round_ = Round(year=2026, **SCHEDULE_2026)
    # 22:30 UTC on 15 December is already 16 December in Helsinki.
    late = datetime.datetime(2025, 12, 15, 22, 30, tzinfo=datetime.UTC)
    assert not round_.accepts_nominations(late)
    assert round_.accepts_nominations(late - datetime.timedelta(hours=2))


def test_editors_can_publish_the_announcement_early():
    round_ = Round(year=2026, **SCHEDULE_2026, announcement_published=True)
    assert round_.phase(datetime.date(2026, 2, 3)) == Phase.ANNOUNCED
    assert round_.scoring_has_closed(datetime.date(2026, 1, 20))


def test_dates_must_be_in_order():
    schedule = {**SCHEDULE_2026, "scoring_open": datetime.date(2026, 1, 1)}
    round_ = Round(year=2026, name_fi="x", name_sv="x", **schedule)
    with pytest.raises(ValidationError) as error:
        round_.full_clean()
    assert "scoring_open" in error.value.message_dict


def test_announcement_cannot_be_published_without_a_decision():
    round_ = make_round()
    round_.announcement_published = True
    with pytest.raises(ValidationError) as error:
        round_.full_clean()
    assert "announcement_published" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.publish_announcement(round_)


def test_new_round_gets_the_published_criteria_in_three_languages():
    round_ = make_round()
    criteria = list(round_.criteria.all())
    assert [c.name_en for c in criteria] == [
        "The child's best interest",
        "Effect on the municipality's decision-making about children",
        "The child's, family's and client's perspective",
        "Preventive work",
        "Change achieved through small acts",
        "Transferability to other organisations",
    ]
    assert all(c.name_fi and c.name_sv and c.description_sv for c in criteria)
    assert {(c.scale_min, c.scale_max, c.weight) for c in criteria} == {(1, 5, 1)}
    assert round_.name_fi == "Kunnallinen lastensuojeluteko 2026"
    with translation.override("sv"):
        assert round_.name == "Kommunal barnskyddsinsats 2026"
        assert criteria[0].name == "Barnets bästa"


def test_default_criteria_are_not_added_twice():
    round_ = make_round()
    assert services.add_default_criteria(round_) == []
    assert round_.criteria.count() == 6


def test_criterion_scale_must_not_be_empty():
    round_ = make_round()
    criterion = Criterion(round=round_, name_fi="a", name_sv="a", scale_min=5, scale_max=5)
    with pytest.raises(ValidationError):
        criterion.full_clean()


def test_round_text_refuses_personal_identity_codes():
    round_ = make_round()
    round_.call_text_fi = f"Ehdota tekoa. {HETU}"
    with pytest.raises(ValidationError) as error:
        round_.full_clean()
    assert str(PERSONAL_IDENTITY_CODE_MESSAGE) in error.value.message_dict["call_text_fi"]


def test_nominations_get_running_reference_numbers_per_round():
    orgs = organisations()
    round_2026 = make_round()
    round_2027 = make_round(
        2027,
        schedule={key: value.replace(year=value.year + 1) for key, value in SCHEDULE_2026.items()},
    )
    first = make_nomination(round_2026, orgs["imatra"])
    second = make_nomination(round_2026, orgs["tampere"])
    other = make_nomination(round_2027, orgs["oulu"], now=at(datetime.date(2026, 11, 1)))
    assert first.reference == "LT-2026-0001"
    assert second.reference == "LT-2026-0002"
    assert other.reference == "LT-2027-0001"


def test_nominations_are_refused_outside_the_window():
    orgs = organisations()
    round_ = make_round()
    for day in (datetime.date(2025, 9, 30), datetime.date(2025, 12, 16)):
        with pytest.raises(PhaseError) as error:
            services.submit_nomination(round_, now=at(day), **nomination_fields(orgs["imatra"]))
        assert error.value.code == "nominations_closed"
    assert not Nomination.objects.exists()


def test_nomination_text_refuses_personal_identity_codes():
    orgs = organisations()
    round_ = make_round()
    fields = nomination_fields(orgs["imatra"], results=f"Asiakas {HETU} hyötyi.")
    with pytest.raises(ValidationError) as error:
        services.submit_nomination(round_, now=at(DURING_NOMINATION), **fields)
    assert "results" in error.value.message_dict
    assert not Nomination.objects.exists()


def test_likely_duplicates_have_the_same_nominee_and_a_similar_title():
    orgs = organisations()
    round_ = make_round()
    original = make_nomination(round_, orgs["imatra"], title="Hyvinvointineuvola")
    similar = make_nomination(round_, orgs["imatra"], title="Hyvinvointi-neuvola!")
    other_nominee = make_nomination(round_, orgs["tampere"], title="Hyvinvointineuvola")
    other_title = make_nomination(round_, orgs["imatra"], title="Sisukas-malli kouluun")
    assert services.likely_duplicates(similar) == [original]
    assert other_nominee not in services.likely_duplicates(original)
    assert services.likely_duplicates(other_title) == []


def test_a_duplicate_must_be_in_the_same_round():
    orgs = organisations()
    round_ = make_round()
    round_2027 = make_round(
        2027,
        schedule={key: value.replace(year=value.year + 1) for key, value in SCHEDULE_2026.items()},
    )
    first = make_nomination(round_, orgs["imatra"])
    later = make_nomination(round_2027, orgs["imatra"], now=at(datetime.date(2026, 11, 1)))
    later.duplicate_of = first
    with pytest.raises(ValidationError):
        later.full_clean()
    first.duplicate_of = first
    with pytest.raises(ValidationError):
        first.full_clean()
