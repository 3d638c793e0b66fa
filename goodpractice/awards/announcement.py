"""Carrying out an announcement: the winner joins the knowledge base as a featured practice.

Visibility itself needs no action: public pages ask Round.is_announced(). What does need
doing once is linking the winning nomination to a practice page (created from the
nomination when the knowledge base has none), featuring it, and reindexing it.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.html import linebreaks
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from goodpractice.practices.models import PracticePage
from goodpractice.practices.services import practice_index, save_practice

from .models import Round
from .signals import prize_winners_changed
from .winners import announced_rounds

SUMMARY_LENGTH = 600  # PracticePage.summary's limit


def _external_id(nomination):
    return f"prize-{nomination.reference}"


def _rich_text(text):
    return linebreaks(text.strip(), autoescape=True) if text and text.strip() else ""


def _unique_slug(title, language):
    siblings = practice_index(language).get_children()
    base = slugify(title)[:200].strip("-") or "practice"
    slug, number = base, 1
    while siblings.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def practice_from_nomination(nomination):
    """A practice page written from the nomination, in its language, run by the nominee.

    Idempotent: a page made earlier from the same nomination is returned. It is published
    only if the nominator consented to publishing the description; otherwise it waits as a
    draft for the editors. The nominator's contact details are never copied.
    """
    existing = PracticePage.objects.filter(
        external_id=_external_id(nomination), alias_of__isnull=True
    ).first()
    if existing is not None:
        return existing
    language = nomination.language
    page = PracticePage(
        title=nomination.title,
        slug=_unique_slug(nomination.title, language),
        summary=Truncator(" ".join(nomination.what_was_done.split())).chars(SUMMARY_LENGTH),
        need=_rich_text(nomination.for_whom),
        description=_rich_text(nomination.what_was_done),
        participation=_rich_text(nomination.client_participation),
        results=_rich_text(nomination.results),
        adoption=_rich_text(nomination.how_to_adopt),
        external_id=_external_id(nomination),
        featured=True,
    )
    # Written by the site on the jury's behalf: no editor's page permissions apply, so the
    # page's history shows no user; the round's log names who published the announcement.
    return save_practice(
        page,
        language=language,
        organisations=[nomination.nominee],
        publish=nomination.consent_to_publish,
    )


def _feature(practice, user):
    """Feature the original of a live practice; its aliases follow on publish.

    A page with an unpublished draft is left to the editors: publishing a revision here
    would either publish their draft or discard it.
    """
    original = PracticePage.objects.get(pk=practice.alias_of_id or practice.pk)
    if original.featured or not original.live or original.has_unpublished_changes:
        return
    original.featured = True
    # The jury's decision authorises this, not the editor's permissions on the page.
    revision = original.save_revision(user=user, log_action=True)
    revision.publish(user=user, skip_permission_checks=True)


@transaction.atomic
def carry_out_announcement(round_, *, user=None, now=None):
    """Link the announced winner to the knowledge base and reindex it. Idempotent."""
    now = now or timezone.now()
    round_ = Round.objects.select_for_update().get(pk=round_.pk)
    if not round_.is_announced(now):
        raise ValidationError(_("The round has not been announced yet."))
    decision = round_.decision
    winner = decision.winner
    if winner.practice_id is None:
        winner.practice = practice_from_nomination(winner)
        winner.save(update_fields=["practice"])
    else:
        _feature(winner.practice, user)
    if decision.announced_at is None:
        decision.announced_at = now
        decision.save(update_fields=["announced_at"])
        log(round_, "awards.announcement_carried_out", user=user, data={"winner": winner.reference})
    prize_winners_changed.send(
        sender=Round, round=round_, translation_keys=[winner.practice.translation_key]
    )
    return decision


def announce_due_rounds(now=None):
    """Carry out the announcements whose date has come. Returns the rounds handled."""
    due = announced_rounds(now).filter(decision__announced_at__isnull=True).order_by("year")
    return [carry_out_announcement(round_, now=now).round for round_ in due]
