"""Aggregating jury scores into a ranking: plain data in, plain data out, no database.

Every score is first put on a common 0-1 scale within its criterion's own scale, so a
criterion scored 1-10 does not outweigh one scored 1-5. A member's score for a nomination
is the weighted mean over the criteria. Two rankings are computed side by side:

- weighted mean: the mean of the jurors' weighted means;
- normalised: each member's weighted means standardised (z-score) by that member's own
  mean and standard deviation over the nominations they scored, then averaged, so a
  strict and a lenient juror count equally. A member whose scores do not vary gives no
  information about order and contributes 0.

The client panel is aggregated the same way on its own and enters each ranking with the
round's panel weight; the jury has the rest. If one side has no scores for a nomination,
the other side alone decides, and the missing members are reported.

A member counts for a nomination only with a complete set of submitted scores (one per
criterion). Conflicted members are left out and are not counted as missing.
"""

import math
from collections import defaultdict
from collections.abc import Collection, Hashable, Iterable, Mapping
from dataclasses import dataclass, field

# Two scores closer than this are a tie (floating point noise, not a real difference).
TIE_TOLERANCE = 1e-9
# Standard deviation of the jurors' weighted means, as a share of the scale, above which
# the jury disagrees enough for the chair to discuss the nomination (1 point on 1-5).
DEFAULT_DISAGREEMENT_THRESHOLD = 0.25


@dataclass(frozen=True)
class CriterionSpec:
    id: Hashable
    weight: float
    scale_min: float = 1
    scale_max: float = 5

    def fraction(self, value):
        return (value - self.scale_min) / (self.scale_max - self.scale_min)


@dataclass(frozen=True)
class MemberSpec:
    id: Hashable
    panel: bool = False
    organisation: Hashable | None = None


@dataclass(frozen=True)
class ScoreEntry:
    member: Hashable
    nomination: Hashable
    criterion: Hashable
    value: float


@dataclass
class NominationResult:
    nomination: Hashable
    # Each counted member's weighted mean on the 0-1 scale.
    member_means: dict = field(default_factory=dict)
    jury_mean: float | None = None
    panel_mean: float | None = None
    weighted_mean: float | None = None
    jury_z: float | None = None
    panel_z: float | None = None
    normalised_mean: float | None = None
    rank: int | None = None
    normalised_rank: int | None = None
    tied: bool = False
    normalised_tied: bool = False
    missing: tuple = ()
    conflicted: tuple = ()
    disagreement: float | None = None
    high_disagreement: bool = False

    @property
    def has_missing_scores(self):
        return bool(self.missing)


@dataclass
class Ranking:
    results: list
    criteria: tuple
    panel_weight: float

    def by_weighted_mean(self):
        return _ordered(self.results, "weighted_mean")

    def by_normalised_mean(self):
        return _ordered(self.results, "normalised_mean")

    def result_for(self, nomination):
        return next(result for result in self.results if result.nomination == nomination)

    @property
    def common_scale(self):
        """(min, max) when every criterion uses the same scale, for showing means on it."""
        scales = {(c.scale_min, c.scale_max) for c in self.criteria}
        return scales.pop() if len(scales) == 1 else None

    def on_scale(self, fraction):
        scale = self.common_scale
        if fraction is None or scale is None:
            return None
        low, high = scale
        return low + fraction * (high - low)


def _ordered(results, attribute):
    present = [r for r in results if getattr(r, attribute) is not None]
    absent = [r for r in results if getattr(r, attribute) is None]
    present.sort(key=lambda r: -getattr(r, attribute))
    return present + absent


def mean(values):
    values = list(values)
    return sum(values) / len(values) if values else None


def population_sd(values):
    values = list(values)
    if not values:
        return None
    centre = sum(values) / len(values)
    return math.sqrt(sum((v - centre) ** 2 for v in values) / len(values))


def is_automatic_conflict(member_organisation, nominee, nominee_region):
    """A member is conflicted when they work for the nominee or for the nominee's region.

    Arguments are organisation identifiers (None when unknown). The region is the
    wellbeing services county (or Helsinki) that organises child protection for the
    nominee; a county is its own region.
    """
    if member_organisation is None:
        return False
    return member_organisation in (nominee, nominee_region)


def _weighted_mean(values_by_criterion, criteria):
    total_weight = sum(c.weight for c in criteria)
    return sum(c.weight * c.fraction(values_by_criterion[c.id]) for c in criteria) / total_weight


def _combine(jury, panel, panel_weight):
    if jury is None and panel is None:
        return None
    if panel is None or panel_weight == 0:
        return jury
    if jury is None:
        return panel
    return (1 - panel_weight) * jury + panel_weight * panel


def _assign_ranks(results, value_attr, rank_attr, tie_attr):
    ordered = [r for r in _ordered(results, value_attr) if getattr(r, value_attr) is not None]
    # Competition ranking: equal scores share a rank and the next rank is skipped (1, 1, 3).
    for index, result in enumerate(ordered):
        value = getattr(result, value_attr)
        previous = ordered[index - 1] if index else None
        if previous is not None and abs(getattr(previous, value_attr) - value) <= TIE_TOLERANCE:
            setattr(result, rank_attr, getattr(previous, rank_attr))
            setattr(result, tie_attr, True)
            setattr(previous, tie_attr, True)
        else:
            setattr(result, rank_attr, index + 1)


def rank(
    *,
    criteria: Iterable[CriterionSpec],
    members: Iterable[MemberSpec],
    nominations: Iterable[Hashable],
    scores: Iterable[ScoreEntry],
    conflicts: Collection[tuple] = (),
    panel_weight: float = 0.0,
    assignments: Mapping[Hashable, Collection[Hashable]] | None = None,
    disagreement_threshold: float = DEFAULT_DISAGREEMENT_THRESHOLD,
) -> Ranking:
    """Rank nominations from submitted scores.

    conflicts holds (member, nomination) pairs. assignments maps a nomination to the
    members expected to score it; without it every member is expected to score every
    nomination.
    """
    criteria = tuple(criteria)
    members = {m.id: m for m in members}
    nominations = list(nominations)
    conflicts = set(conflicts)
    panel_weight = float(panel_weight)
    if not criteria:
        raise ValueError("A ranking needs at least one criterion.")
    if not 0 <= panel_weight <= 1:
        raise ValueError("The panel weight must be between 0 and 1.")
    criterion_ids = {c.id for c in criteria}

    # Scores of nominations outside the ranking (ineligible ones) must not shift the
    # members' own means used for the z-scores.
    wanted = set(nominations)
    collected = defaultdict(dict)
    for entry in scores:
        if (
            entry.member in members
            and entry.criterion in criterion_ids
            and entry.nomination in wanted
        ):
            collected[(entry.member, entry.nomination)][entry.criterion] = entry.value

    # Each counted member's weighted mean per nomination, complete sets only.
    member_means = defaultdict(dict)  # nomination -> member -> mean
    for (member, nomination), values in collected.items():
        if (member, nomination) in conflicts or len(values) < len(criteria):
            continue
        member_means[nomination][member] = _weighted_mean(values, criteria)

    # Each member's own mean and spread over everything they scored, for the z-scores.
    by_member = defaultdict(list)
    for means in member_means.values():
        for member, value in means.items():
            by_member[member].append(value)
    member_centre = {m: (mean(v), population_sd(v)) for m, v in by_member.items()}

    def z_score(member, value):
        centre, spread = member_centre[member]
        return 0.0 if spread <= TIE_TOLERANCE else (value - centre) / spread

    results = []
    for nomination in nominations:
        expected = set(assignments.get(nomination, ()) if assignments is not None else members)
        means = member_means.get(nomination, {})
        result = NominationResult(nomination=nomination, member_means=dict(means))
        result.conflicted = tuple(
            sorted((m for m in expected if (m, nomination) in conflicts), key=str)
        )
        result.missing = tuple(
            sorted(
                (m for m in expected if (m, nomination) not in conflicts and m not in means),
                key=str,
            )
        )
        jury = {m: v for m, v in means.items() if not members[m].panel}
        panel = {m: v for m, v in means.items() if members[m].panel}
        result.jury_mean = mean(jury.values())
        result.panel_mean = mean(panel.values())
        result.weighted_mean = _combine(result.jury_mean, result.panel_mean, panel_weight)
        result.jury_z = mean(z_score(m, v) for m, v in jury.items())
        result.panel_z = mean(z_score(m, v) for m, v in panel.items())
        result.normalised_mean = _combine(result.jury_z, result.panel_z, panel_weight)
        if len(jury) >= 2:
            result.disagreement = population_sd(jury.values())
            result.high_disagreement = result.disagreement > disagreement_threshold
        results.append(result)

    _assign_ranks(results, "weighted_mean", "rank", "tied")
    _assign_ranks(results, "normalised_mean", "normalised_rank", "normalised_tied")
    return Ranking(results=results, criteria=criteria, panel_weight=panel_weight)
