"""Who has won: the announced rounds and their winning practices, for public pages and search.

A round's result is public once its announcement date has come or editors published it
early, and a decision exists. A practice is known by its translation key, so its copies in
the other languages' sites (aliases and translations) share the win.
"""

import datetime

from django.db.models import Q
from django.utils import timezone

from goodpractice.i18n import current_language

from .models import Decision, Round


def _local_date(moment):
    if moment is None or isinstance(moment, datetime.datetime):
        return timezone.localdate(moment)
    return moment


def announced_rounds(today=None):
    today = _local_date(today)
    return Round.objects.filter(decision__isnull=False).filter(
        Q(announcement_published=True) | Q(announcement_date__lte=today)
    )


def announced_decisions(today=None):
    return (
        Decision.objects.filter(round__in=announced_rounds(today))
        .select_related("round", "winner__nominee", "winner__practice")
        .order_by("-round__year")
    )


def winning_translation_keys(today=None):
    """Translation keys of the practices that won an announced round."""
    return set(
        announced_decisions(today)
        .filter(winner__practice__isnull=False)
        .values_list("winner__practice__translation_key", flat=True)
    )


def winning_practice_filter(today=None):
    """A Q on PracticePage that matches every language version of a winning practice."""
    return Q(translation_key__in=list(winning_translation_keys(today)))


def prize_rounds_for(page, today=None):
    """The announced rounds a practice (in any language version) has won, newest first."""
    return [
        decision.round
        for decision in announced_decisions(today).filter(
            winner__practice__translation_key=page.translation_key
        )
    ]


def latest_decision(today=None):
    return announced_decisions(today).first()


def practice_in_language(practice, language=None):
    """The live, public version of a practice in the reader's language, else the original."""
    from goodpractice.practices.models import PracticePage

    if practice is None:
        return None
    language = language or current_language()
    version = (
        PracticePage.objects.live()
        .public()
        .filter(translation_key=practice.translation_key, locale__language_code=language)
        .first()
    )
    if version is not None:
        return version
    return practice if practice.live else None
