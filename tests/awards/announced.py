"""Builders for rounds with a recorded decision, announced or not yet."""

import datetime

from django.utils import timezone

from goodpractice.awards import services
from goodpractice.awards.models import Role, Round

from .factories import SCHEDULE_2026, at, make_member, make_nomination, make_round, organisations

RATIONALE_FI = "Teko muutti kunnan tapaa päättää lasten asioista."
RATIONALE_SV = "Insatsen ändrade kommunens sätt att besluta om barn."


def decided_round(
    year=2026,
    *,
    schedule=None,
    winner_nominee="imatra",
    mentions=1,
    **winner_fields,
):
    """A round with a winner (and honourable mentions) recorded by its chair.

    The default schedule's announcement date (12 February 2026) has passed; pass a
    shifted_schedule(today, "deliberation") for a round whose announcement is still ahead.
    """
    schedule = schedule or SCHEDULE_2026
    orgs = organisations()
    round_ = make_round(year, schedule=schedule)
    chair = make_member(round_, role=Role.CHAIR)
    nominated = at(schedule["nominations_open"])
    winner = make_nomination(round_, orgs[winner_nominee], now=nominated, **winner_fields)
    others = [
        make_nomination(round_, orgs[name], now=nominated, title=f"Kunniamaininta {name}")
        for name in ("tampere", "oulu")[:mentions]
    ]
    decided = at(schedule["scoring_close"] + datetime.timedelta(days=1))
    if decided > timezone.now():
        decided = None  # a schedule around today: the real clock is past scoring
    services.record_decision(
        round_,
        user=chair.user,
        winner=winner,
        rationale_fi=RATIONALE_FI,
        rationale_sv=RATIONALE_SV,
        honourable_mentions=others,
        now=decided,
    )
    return Round.objects.get(pk=round_.pk)
