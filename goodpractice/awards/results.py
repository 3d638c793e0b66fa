"""The chair's view of a round: the ranking with its nominations and members attached."""

from dataclasses import dataclass

from . import services


@dataclass
class Bar:
    member: object
    fraction: float  # 0-1 on the common scale
    value: float  # on the criteria's scale, or a percentage when scales differ

    @property
    def percent(self):
        return round(self.fraction * 100, 1)


@dataclass
class RankingRow:
    nomination: object
    result: object
    weighted_mean: float | None
    jury_mean: float | None
    panel_mean: float | None
    disagreement: float | None
    missing: list
    bars: list

    @property
    def has_flags(self):
        r = self.result
        return r.tied or r.normalised_tied or r.has_missing_scores or r.high_disagreement


@dataclass
class RoundResults:
    rows: list  # ordered by weighted mean
    scale: tuple | None

    @property
    def uses_percentages(self):
        return self.scale is None


def round_results(round_):
    ranking = services.ranking_for_round(round_)
    members = {m.pk: m for m in round_.jury_members.select_related("user")}
    nominations = {n.pk: n for n in round_.nominations.eligible().select_related("nominee")}
    scale = ranking.common_scale

    def shown(fraction):
        if fraction is None:
            return None
        return ranking.on_scale(fraction) if scale else fraction * 100

    def spread(sd):
        # A standard deviation scales by the width of the scale only, not its start.
        if sd is None:
            return None
        return sd * (scale[1] - scale[0]) if scale else sd * 100

    rows = []
    for result in ranking.by_weighted_mean():
        bars = [
            Bar(members[member_id], fraction, shown(fraction))
            for member_id, fraction in sorted(
                result.member_means.items(), key=lambda item: str(members[item[0]])
            )
        ]
        rows.append(
            RankingRow(
                nomination=nominations[result.nomination],
                result=result,
                weighted_mean=shown(result.weighted_mean),
                jury_mean=shown(result.jury_mean),
                panel_mean=shown(result.panel_mean),
                disagreement=spread(result.disagreement),
                missing=[members[m] for m in result.missing],
                bars=bars,
            )
        )
    return RoundResults(rows=rows, scale=scale)
