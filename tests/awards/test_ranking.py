"""The aggregation maths, on plain data (no database)."""

import pytest

from goodpractice.awards.ranking import (
    CriterionSpec,
    MemberSpec,
    ScoreEntry,
    is_automatic_conflict,
    rank,
)

ONE_CRITERION = (CriterionSpec("c", weight=1),)
TWO_CRITERIA = (CriterionSpec("c1", weight=1), CriterionSpec("c2", weight=1))


def scores_for(member, table, criteria=ONE_CRITERION):
    """table: nomination -> value (same for every criterion) or tuple of per-criterion values."""
    entries = []
    for nomination, values in table.items():
        if not isinstance(values, tuple):
            values = (values,) * len(criteria)
        for criterion, value in zip(criteria, values, strict=True):
            entries.append(ScoreEntry(member, nomination, criterion.id, value))
    return entries


def jurors(*ids):
    return [MemberSpec(i) for i in ids]


def order(ranking, normalised=False):
    results = ranking.by_normalised_mean() if normalised else ranking.by_weighted_mean()
    return [r.nomination for r in results]


def test_weighted_mean_over_criteria_uses_the_weights():
    criteria = (CriterionSpec("best_interest", weight=3), CriterionSpec("small_acts", weight=1))
    ranking = rank(
        criteria=criteria,
        members=jurors("j1"),
        nominations=["A", "B"],
        scores=scores_for("j1", {"A": (5, 1), "B": (1, 5)}, criteria),
    )
    assert order(ranking) == ["A", "B"]
    # On the 0-1 scale: A = (3·1 + 1·0) / 4, B = (3·0 + 1·1) / 4.
    assert ranking.result_for("A").weighted_mean == pytest.approx(0.75)
    assert ranking.result_for("B").weighted_mean == pytest.approx(0.25)
    assert ranking.on_scale(0.75) == pytest.approx(4.0)


def test_equal_weights_make_mirror_scores_a_tie():
    ranking = rank(
        criteria=TWO_CRITERIA,
        members=jurors("j1"),
        nominations=["A", "B"],
        scores=scores_for("j1", {"A": (5, 1), "B": (1, 5)}, TWO_CRITERIA),
    )
    assert ranking.result_for("A").rank == ranking.result_for("B").rank == 1
    assert ranking.result_for("A").tied and ranking.result_for("B").tied


def test_scores_are_put_on_a_common_scale_before_weighting():
    criteria = (CriterionSpec("wide", 1, 1, 10), CriterionSpec("narrow", 1, 1, 5))
    ranking = rank(
        criteria=criteria,
        members=jurors("j1"),
        nominations=["A", "B"],
        # A is top on the 1-5 criterion, B top on the 1-10 one: equal weights, equal merit.
        scores=scores_for("j1", {"A": (1, 5), "B": (10, 1)}, criteria),
    )
    assert ranking.result_for("A").weighted_mean == pytest.approx(0.5)
    assert ranking.result_for("B").weighted_mean == pytest.approx(0.5)
    assert ranking.common_scale is None


def test_mean_over_jurors():
    ranking = rank(
        criteria=ONE_CRITERION,
        members=jurors("j1", "j2"),
        nominations=["A"],
        scores=scores_for("j1", {"A": 5}) + scores_for("j2", {"A": 2}),
    )
    # (1 + 0.25) / 2 on the 0-1 scale: 3.5 on 1-5.
    assert ranking.on_scale(ranking.result_for("A").weighted_mean) == pytest.approx(3.5)


OPINION_P = {"A": 4, "B": 2, "C": 0, "D": 3}
OPINION_Q = {"A": 0, "B": 4, "C": 3, "D": 1}


def strict(opinion):
    # Uses the whole 1-5 scale.
    return {n: 1 + v for n, v in opinion.items()}


def lenient(opinion):
    # Never below 4: the same opinion squeezed into the top of the scale.
    return {n: 4 + v / 4 for n, v in opinion.items()}


def test_strict_and_lenient_juror_count_equally_after_normalisation():
    nominations = list(OPINION_P)
    first = rank(
        criteria=ONE_CRITERION,
        members=jurors("x", "y"),
        nominations=nominations,
        scores=scores_for("x", strict(OPINION_P)) + scores_for("y", lenient(OPINION_Q)),
    )
    swapped = rank(
        criteria=ONE_CRITERION,
        members=jurors("x", "y"),
        nominations=nominations,
        scores=scores_for("x", lenient(OPINION_P)) + scores_for("y", strict(OPINION_Q)),
    )
    # The raw mean follows whoever uses the wider range...
    assert order(first) != order(swapped)
    assert order(first)[0] == "A"  # the strict x's favourite
    assert order(swapped)[0] == "B"  # now the strict y's favourite
    # ...the normalised mean does not care who was strict.
    assert order(first, normalised=True) == order(swapped, normalised=True)
    for nomination in nominations:
        assert first.result_for(nomination).normalised_mean == pytest.approx(
            swapped.result_for(nomination).normalised_mean
        )


def test_strict_and_lenient_juror_with_the_same_opinion_give_identical_rankings():
    strict_only = rank(
        criteria=ONE_CRITERION,
        members=jurors("s"),
        nominations=list(OPINION_P),
        scores=scores_for("s", strict(OPINION_P)),
    )
    lenient_only = rank(
        criteria=ONE_CRITERION,
        members=jurors("l"),
        nominations=list(OPINION_P),
        scores=scores_for("l", lenient(OPINION_P)),
    )
    assert order(strict_only, normalised=True) == ["A", "D", "B", "C"]
    assert order(lenient_only, normalised=True) == ["A", "D", "B", "C"]
    for nomination in OPINION_P:
        assert strict_only.result_for(nomination).normalised_mean == pytest.approx(
            lenient_only.result_for(nomination).normalised_mean
        )


def test_z_scores_use_the_jurors_own_mean_and_standard_deviation():
    ranking = rank(
        criteria=ONE_CRITERION,
        members=jurors("j1"),
        nominations=["A", "B", "C"],
        scores=scores_for("j1", {"A": 5, "B": 3, "C": 1}),
    )
    # Fractions 1, 0.5, 0: mean 0.5, population sd sqrt(1/6).
    spread = (1 / 6) ** 0.5
    assert ranking.result_for("A").normalised_mean == pytest.approx(0.5 / spread)
    assert ranking.result_for("B").normalised_mean == pytest.approx(0.0)
    assert ranking.result_for("C").normalised_mean == pytest.approx(-0.5 / spread)


def test_a_juror_without_variance_contributes_zero():
    ranking = rank(
        criteria=ONE_CRITERION,
        members=jurors("flat", "j2"),
        nominations=["A", "B"],
        scores=scores_for("flat", {"A": 4, "B": 4}) + scores_for("j2", {"A": 2, "B": 4}),
    )
    # j2 gives A -1 and B +1; the flat juror adds 0 to both, halving them.
    assert ranking.result_for("A").normalised_mean == pytest.approx(-0.5)
    assert ranking.result_for("B").normalised_mean == pytest.approx(0.5)


def test_ties_share_a_rank_and_the_next_rank_is_skipped():
    ranking = rank(
        criteria=ONE_CRITERION,
        members=jurors("j1"),
        nominations=["A", "B", "C"],
        scores=scores_for("j1", {"A": 4, "B": 4, "C": 2}),
    )
    a, b, c = (ranking.result_for(n) for n in "ABC")
    assert (a.rank, b.rank, c.rank) == (1, 1, 3)
    assert a.tied and b.tied and not c.tied
    assert a.normalised_tied and b.normalised_tied and not c.normalised_tied


def test_no_tie_flag_when_scores_differ():
    ranking = rank(
        criteria=ONE_CRITERION,
        members=jurors("j1"),
        nominations=["A", "B"],
        scores=scores_for("j1", {"A": 4, "B": 3}),
    )
    assert not any(r.tied for r in ranking.results)
    assert [r.rank for r in ranking.by_weighted_mean()] == [1, 2]


def test_a_juror_who_has_not_submitted_is_missing():
    ranking = rank(
        criteria=ONE_CRITERION,
        members=jurors("j1", "j2", "j3"),
        nominations=["A", "B"],
        scores=scores_for("j1", {"A": 5, "B": 3}) + scores_for("j2", {"A": 3}),
    )
    a, b = ranking.result_for("A"), ranking.result_for("B")
    assert a.missing == ("j3",)
    assert b.missing == ("j2", "j3")
    assert b.has_missing_scores
    # The mean is over the jurors who did score.
    assert b.weighted_mean == pytest.approx(0.5)


def test_an_incomplete_set_of_criteria_counts_as_missing():
    ranking = rank(
        criteria=TWO_CRITERIA,
        members=jurors("j1", "j2"),
        nominations=["A"],
        scores=scores_for("j1", {"A": (5, 5)}, TWO_CRITERIA) + [ScoreEntry("j2", "A", "c1", 1)],
    )
    result = ranking.result_for("A")
    assert result.missing == ("j2",)
    assert result.weighted_mean == pytest.approx(1.0)


def test_a_nomination_nobody_scored_is_unranked():
    ranking = rank(
        criteria=ONE_CRITERION,
        members=jurors("j1"),
        nominations=["A", "B"],
        scores=scores_for("j1", {"A": 3}),
    )
    b = ranking.result_for("B")
    assert b.weighted_mean is None and b.rank is None and b.normalised_rank is None
    assert order(ranking) == ["A", "B"]


def test_conflicted_juror_is_excluded_and_not_missing():
    ranking = rank(
        criteria=ONE_CRITERION,
        members=jurors("j1", "j2", "conflicted"),
        nominations=["A", "B"],
        # The conflicted juror's scores (given before declaring) must not count.
        scores=scores_for("j1", {"A": 2, "B": 4})
        + scores_for("j2", {"A": 2, "B": 4})
        + scores_for("conflicted", {"A": 5, "B": 1}),
        conflicts={("conflicted", "A")},
    )
    a = ranking.result_for("A")
    assert a.conflicted == ("conflicted",)
    assert a.missing == ()
    assert "conflicted" not in a.member_means
    assert a.weighted_mean == pytest.approx(0.25)
    assert order(ranking) == ["B", "A"]


def test_conflict_scores_do_not_enter_the_jurors_own_normalisation():
    base = {
        "criteria": ONE_CRITERION,
        "members": jurors("j1"),
        "nominations": ["A", "B", "C"],
    }
    clean = rank(**base, scores=scores_for("j1", {"B": 4, "C": 2}), conflicts={("j1", "A")})
    with_conflicted_score = rank(
        **base, scores=scores_for("j1", {"A": 1, "B": 4, "C": 2}), conflicts={("j1", "A")}
    )
    for nomination in "BC":
        assert clean.result_for(nomination).normalised_mean == pytest.approx(
            with_conflicted_score.result_for(nomination).normalised_mean
        )


def test_assignments_limit_who_is_expected():
    ranking = rank(
        criteria=ONE_CRITERION,
        members=jurors("j1", "j2"),
        nominations=["A"],
        scores=scores_for("j1", {"A": 3}),
        assignments={"A": ["j1"]},
    )
    assert ranking.result_for("A").missing == ()


PANEL_MEMBERS = [MemberSpec("j1"), MemberSpec("p1", panel=True), MemberSpec("p2", panel=True)]
# The jury prefers A; the client panel prefers B.
PANEL_SCORES = (
    scores_for("j1", {"A": 5, "B": 3})
    + scores_for("p1", {"A": 1, "B": 5})
    + scores_for("p2", {"A": 1, "B": 5})
)


def test_panel_weight_zero_leaves_the_panel_out():
    ranking = rank(
        criteria=ONE_CRITERION,
        members=PANEL_MEMBERS,
        nominations=["A", "B"],
        scores=PANEL_SCORES,
        panel_weight=0,
    )
    assert order(ranking) == ["A", "B"]
    assert order(ranking, normalised=True) == ["A", "B"]
    assert ranking.result_for("A").weighted_mean == pytest.approx(1.0)
    # The panel's own mean is still reported.
    assert ranking.result_for("A").panel_mean == pytest.approx(0.0)


def test_panel_enters_with_its_weight():
    ranking = rank(
        criteria=ONE_CRITERION,
        members=PANEL_MEMBERS,
        nominations=["A", "B"],
        scores=PANEL_SCORES,
        panel_weight=0.25,
    )
    # A: 0.75·1 + 0.25·0; B: 0.75·0.5 + 0.25·1.
    assert ranking.result_for("A").weighted_mean == pytest.approx(0.75)
    assert ranking.result_for("B").weighted_mean == pytest.approx(0.625)
    assert order(ranking) == ["A", "B"]

    heavier = rank(
        criteria=ONE_CRITERION,
        members=PANEL_MEMBERS,
        nominations=["A", "B"],
        scores=PANEL_SCORES,
        panel_weight=0.6,
    )
    assert order(heavier) == ["B", "A"]
    assert order(heavier, normalised=True) == ["B", "A"]


def test_panel_members_are_normalised_and_averaged_as_a_panel():
    ranking = rank(
        criteria=ONE_CRITERION,
        members=PANEL_MEMBERS,
        nominations=["A", "B"],
        scores=PANEL_SCORES,
        panel_weight=0.5,
    )
    a = ranking.result_for("A")
    assert a.jury_z == pytest.approx(1.0)
    assert a.panel_z == pytest.approx(-1.0)
    assert a.normalised_mean == pytest.approx(0.0)
    assert ranking.result_for("B").normalised_mean == pytest.approx(0.0)
    assert ranking.result_for("A").normalised_tied


def test_without_panel_scores_the_jury_alone_decides():
    ranking = rank(
        criteria=ONE_CRITERION,
        members=PANEL_MEMBERS,
        nominations=["A"],
        scores=scores_for("j1", {"A": 4}),
        panel_weight=0.5,
    )
    result = ranking.result_for("A")
    assert result.weighted_mean == pytest.approx(0.75)
    assert result.missing == ("p1", "p2")


def test_high_disagreement_is_flagged():
    ranking = rank(
        criteria=ONE_CRITERION,
        members=jurors("j1", "j2"),
        nominations=["split", "close"],
        scores=scores_for("j1", {"split": 1, "close": 4})
        + scores_for("j2", {"split": 5, "close": 3}),
    )
    split, close = ranking.result_for("split"), ranking.result_for("close")
    assert split.disagreement == pytest.approx(0.5)
    assert split.high_disagreement
    assert close.disagreement == pytest.approx(0.125)
    assert not close.high_disagreement


def test_disagreement_threshold_is_configurable():
    ranking = rank(
        criteria=ONE_CRITERION,
        members=jurors("j1", "j2"),
        nominations=["A"],
        scores=scores_for("j1", {"A": 4}) + scores_for("j2", {"A": 3}),
        disagreement_threshold=0.1,
    )
    assert ranking.result_for("A").high_disagreement


def test_disagreement_needs_two_jurors_and_ignores_the_panel():
    ranking = rank(
        criteria=ONE_CRITERION,
        members=PANEL_MEMBERS,
        nominations=["A"],
        scores=scores_for("j1", {"A": 5}) + scores_for("p1", {"A": 1}),
        panel_weight=0.5,
    )
    result = ranking.result_for("A")
    assert result.disagreement is None and not result.high_disagreement


def test_invalid_input_is_refused():
    with pytest.raises(ValueError):
        rank(criteria=(), members=jurors("j1"), nominations=[], scores=[])
    with pytest.raises(ValueError):
        rank(
            criteria=ONE_CRITERION,
            members=jurors("j1"),
            nominations=[],
            scores=[],
            panel_weight=1.5,
        )


@pytest.mark.parametrize(
    ("member_organisation", "nominee", "region", "expected"),
    [
        ("tampere", "tampere", "pirkanmaa", True),  # works for the nominee
        ("pirkanmaa", "tampere", "pirkanmaa", True),  # works for the nominee's county
        ("pirkanmaa", "pirkanmaa", "pirkanmaa", True),  # the nominee is the county
        ("nokia", "tampere", "pirkanmaa", False),  # same county, another municipality
        ("oulu", "tampere", "pirkanmaa", False),
        (None, "tampere", "pirkanmaa", False),
        ("ngo", "ngo", None, True),
    ],
)
def test_automatic_conflict(member_organisation, nominee, region, expected):
    assert is_automatic_conflict(member_organisation, nominee, region) is expected
