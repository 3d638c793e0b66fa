"""The secretariat's screening: eligibility with a reason, and merging duplicates."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from .models import Nomination

# The parts of a nomination's text that a merge keeps in the surviving nomination's notes.
MERGED_TEXT_FIELDS = (
    "title",
    "what_was_done",
    "for_whom",
    "results",
    "client_participation",
    "how_to_adopt",
)


@transaction.atomic
def screen_nomination(nomination, status, reason="", *, user=None):
    """Mark a nomination eligible or not; a nomination ruled out needs a reason."""
    nomination.screening_status = status
    nomination.screening_reason = reason.strip()
    nomination.full_clean(exclude=["sequence", "reference"])
    nomination.save(update_fields=["screening_status", "screening_reason"])
    log(
        nomination,
        "awards.nomination_screened",
        user=user,
        data={"status": status, "reason": nomination.screening_reason},
    )
    return nomination


def merge_candidates(nomination):
    """Nominations of the same round a duplicate may be merged into."""
    return (
        Nomination.objects.filter(round_id=nomination.round_id, duplicate_of__isnull=True)
        .exclude(pk=nomination.pk)
        .select_related("nominee")
        .order_by("sequence")
    )


def _merged_note(duplicate, user, now):
    who = (user.get_full_name() or user.get_username()) if user else "-"
    header = _("Merged from %(reference)s by %(user)s on %(date)s:") % {
        "reference": duplicate.reference,
        "user": who,
        "date": timezone.localtime(now).strftime("%Y-%m-%d %H:%M"),
    }
    parts = [
        f"{Nomination._meta.get_field(name).verbose_name}: {value}"
        for name in MERGED_TEXT_FIELDS
        if (value := getattr(duplicate, name))
    ]
    return "\n".join([header, *parts])


@transaction.atomic
def merge_nominations(duplicate, into, *, user=None, now=None):
    """Merge a duplicate into another nomination of the same round.

    The duplicate stays on record (its number was sent to its nominator) but is no longer
    screened or scored; its text is kept in the surviving nomination's notes, and who
    merged it and when is recorded on it and in the audit log.
    """
    now = now or timezone.now()
    duplicate = Nomination.objects.select_for_update().get(pk=duplicate.pk)
    into = Nomination.objects.select_for_update().get(pk=into.pk)
    if duplicate.pk == into.pk:
        raise ValidationError(_("A nomination cannot be merged into itself."))
    if duplicate.round_id != into.round_id:
        raise ValidationError(_("Only nominations of the same round can be merged."))
    if duplicate.duplicate_of_id:
        raise ValidationError(_("This nomination has already been merged."))
    if into.duplicate_of_id:
        raise ValidationError(_("Choose a nomination that has not been merged itself."))
    if duplicate.scores.exists():
        raise ValidationError(_("A nomination that has scores cannot be merged."))
    if duplicate.won_decisions.exists() or duplicate.mentioned_in_decisions.exists():
        raise ValidationError(_("A nomination in the jury's decision cannot be merged."))

    into.notes = "\n\n".join(
        part for part in (into.notes.strip(), _merged_note(duplicate, user, now)) if part
    )
    if into.practice_id is None and duplicate.practice_id is not None:
        into.practice_id = duplicate.practice_id
    into.save(update_fields=["notes", "practice"])

    # Earlier duplicates of the duplicate now point at the surviving nomination.
    Nomination.objects.filter(duplicate_of=duplicate).update(duplicate_of=into)
    duplicate.duplicate_of = into
    duplicate.merged_by = user
    duplicate.merged_at = now
    duplicate.save(update_fields=["duplicate_of", "merged_by", "merged_at"])
    log(duplicate, "awards.nomination_merged", user=user, data={"into": into.reference})
    return into
