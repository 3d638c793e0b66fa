"""Conflicts of interest, scoring phases, score visibility, the ranking and the decision."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import ModelLogEntry

from goodpractice.awards import services
from goodpractice.awards.models import Conflict, PhaseError, Role, Score

from .factories import (
    AFTER_SCORING,
    DURING_SCORING,
    DURING_SCREENING,
    at,
    make_member,
    make_nomination,
    make_round,
    organisations,
    score_all,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def setup():
    orgs = organisations()
    round_ = make_round()
    return {
        "orgs": orgs,
        "round": round_,
        "imatra": make_nomination(round_, orgs["imatra"]),
        "tampere": make_nomination(round_, orgs["tampere"]),
        "juror": make_member(round_, organisation=orgs["oulu"]),
        # Works for the county Imatra belongs to: conflicted with Imatra's nomination.
        "county_juror": make_member(round_, organisation=orgs["south_karelia"]),
        "chair": make_member(round_, role=Role.CHAIR),
    }


def test_automatic_conflicts_follow_the_members_organisation(setup):
    round_ = setup["round"]
    assert services.sync_automatic_conflicts(round_) == 1
    conflict = Conflict.objects.get()
    assert (conflict.jury_member, conflict.nomination) == (setup["county_juror"], setup["imatra"])
    assert conflict.automatic
    # Idempotent, and a changed organisation removes the stale conflict.
    assert services.sync_automatic_conflicts(round_) == 0
    member = setup["county_juror"]
    member.organisation = setup["orgs"]["tampere"]
    member.save()
    services.sync_automatic_conflicts(round_)
    assert list(Conflict.objects.values_list("nomination", flat=True)) == [setup["tampere"].pk]


def test_conflicted_member_cannot_score_even_before_a_sync(setup):
    with pytest.raises(PermissionDenied):
        score_all(setup["county_juror"], setup["imatra"], 4)
    assert not Score.objects.exists()


def test_declared_conflict_needs_a_reason_and_blocks_scoring(setup):
    during = at(DURING_SCORING)
    with pytest.raises(ValidationError):
        services.declare_conflict(setup["juror"], setup["tampere"], "  ", now=during)
    services.declare_conflict(setup["juror"], setup["tampere"], "Former colleague", now=during)
    with pytest.raises(PermissionDenied):
        score_all(setup["juror"], setup["tampere"], 4)
    assert not services.visible_scores(setup["juror"], setup["tampere"]).exists()


def test_scoring_only_in_the_scoring_phase(setup):
    with pytest.raises(PhaseError) as early:
        score_all(setup["juror"], setup["imatra"], 4, now=at(DURING_SCREENING))
    assert early.value.code == "scoring_not_open"
    score_all(setup["juror"], setup["imatra"], 4, submit=False)
    with pytest.raises(PhaseError) as late:
        score_all(setup["juror"], setup["imatra"], 2, now=at(AFTER_SCORING))
    assert late.value.code == "scoring_closed"
    assert set(Score.objects.values_list("value", flat=True)) == {4}


def test_only_eligible_nominations_are_scored(setup):
    ineligible = make_nomination(setup["round"], setup["orgs"]["oulu"], eligible=False)
    with pytest.raises(ValidationError):
        score_all(setup["juror"], ineligible, 3)


def test_score_must_be_on_the_scale(setup):
    criterion = setup["round"].criteria.first()
    with pytest.raises(ValidationError):
        services.save_scores(
            setup["juror"], setup["imatra"], {criterion: (6, "")}, now=at(DURING_SCORING)
        )
    assert not Score.objects.exists()


def test_drafts_until_submitted_and_submission_needs_every_criterion(setup):
    juror, nomination = setup["juror"], setup["imatra"]
    first = setup["round"].criteria.first()
    services.save_scores(juror, nomination, {first: (4, "Hyvä")}, now=at(DURING_SCORING))
    assert Score.objects.get().submitted_at is None
    with pytest.raises(ValidationError):
        services.submit_scores(juror, nomination, now=at(DURING_SCORING))
    score_all(juror, nomination, 5)
    assert not Score.objects.filter(submitted_at__isnull=True).exists()
    assert services.has_submitted(juror, nomination)


def test_others_scores_are_visible_only_after_submitting_ones_own(setup):
    juror, chair, nomination = setup["juror"], setup["chair"], setup["imatra"]
    score_all(chair, nomination, 5)
    score_all(juror, nomination, 3, submit=False)
    assert set(
        services.visible_scores(juror, nomination).values_list("jury_member", flat=True)
    ) == {juror.pk}
    services.submit_scores(juror, nomination, now=at(DURING_SCORING))
    assert set(
        services.visible_scores(juror, nomination).values_list("jury_member", flat=True)
    ) == {
        juror.pk,
        chair.pk,
    }


def test_every_score_change_is_in_the_audit_log(setup):
    juror, nomination = setup["juror"], setup["imatra"]
    criterion = setup["round"].criteria.first()
    services.save_scores(juror, nomination, {criterion: (3, "")}, now=at(DURING_SCORING))
    services.save_scores(juror, nomination, {criterion: (3, "")}, now=at(DURING_SCORING))
    services.save_scores(juror, nomination, {criterion: (4, "Parempi")}, now=at(DURING_SCORING))
    entries = ModelLogEntry.objects.filter(action="awards.score_changed").order_by("timestamp")
    assert [e.data["after"] for e in entries] == [[3, ""], [4, "Parempi"]]
    assert entries.last().data["before"] == [3, ""]
    assert entries.last().user == juror.user


def test_ranking_for_round_uses_submitted_scores_and_excludes_conflicts(setup):
    round_ = setup["round"]
    imatra, tampere = setup["imatra"], setup["tampere"]
    score_all(setup["juror"], imatra, 5)
    score_all(setup["juror"], tampere, 3)
    score_all(setup["chair"], imatra, 4)
    score_all(setup["chair"], tampere, 2, submit=False)  # a draft does not count
    score_all(setup["county_juror"], tampere, 1)
    result = services.ranking_for_round(round_)
    first, second = result.by_weighted_mean()
    assert (first.nomination, second.nomination) == (imatra.pk, tampere.pk)
    assert first.conflicted == (setup["county_juror"].pk,)
    assert first.missing == ()
    assert second.missing == (setup["chair"].pk,)


def test_only_the_chair_records_the_decision_after_scoring(setup):
    round_, imatra, tampere = setup["round"], setup["imatra"], setup["tampere"]
    decision_args = {
        "winner": imatra,
        "honourable_mentions": [tampere],
        "rationale_fi": "Perustelu.",
        "rationale_sv": "Motivering.",
    }
    with pytest.raises(PermissionDenied):
        services.record_decision(
            round_, user=setup["juror"].user, now=at(AFTER_SCORING), **decision_args
        )
    with pytest.raises(PhaseError):
        services.record_decision(
            round_, user=setup["chair"].user, now=at(DURING_SCORING), **decision_args
        )
    decision = services.record_decision(
        round_, user=setup["chair"].user, now=at(AFTER_SCORING), **decision_args
    )
    assert decision.winner == imatra
    assert list(decision.honourable_mentions.all()) == [tampere]
    round_.refresh_from_db()
    assert not round_.is_announced(AFTER_SCORING)
    services.publish_announcement(round_, user=setup["chair"].user)
    round_.refresh_from_db()
    assert round_.is_announced(AFTER_SCORING)
    with pytest.raises(PhaseError):
        services.record_decision(
            round_, user=setup["chair"].user, now=at(AFTER_SCORING), **decision_args
        )


def test_the_winner_cannot_be_an_honourable_mention_or_ineligible(setup):
    round_, chair = setup["round"], setup["chair"]
    ineligible = make_nomination(round_, setup["orgs"]["oulu"], eligible=False)
    common = {"rationale_fi": "x", "rationale_sv": "x", "now": at(AFTER_SCORING)}
    with pytest.raises(ValidationError):
        services.record_decision(
            round_,
            user=chair.user,
            winner=setup["imatra"],
            honourable_mentions=[setup["imatra"]],
            **common,
        )
    with pytest.raises(ValidationError):
        services.record_decision(round_, user=chair.user, winner=ineligible, **common)


def test_submitted_scores_are_final(setup):
    juror, nomination = setup["juror"], setup["imatra"]
    score_all(juror, nomination, 4)
    with pytest.raises(ValidationError) as refused:
        score_all(juror, nomination, 2, submit=False)
    assert refused.value.code == "submitted"
    assert set(Score.objects.values_list("value", flat=True)) == {4}


def test_conflicts_cannot_be_declared_after_scoring_closes(setup):
    with pytest.raises(PhaseError):
        services.declare_conflict(
            setup["juror"], setup["tampere"], "Myöhässä", now=at(AFTER_SCORING)
        )
    assert not Conflict.objects.filter(automatic=False).exists()
