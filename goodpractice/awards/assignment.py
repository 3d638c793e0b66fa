"""Which jury members score which nomination: every member of the round by default.

The assignment is stored for each nomination, so the secretariat can leave members out
while screening; jurors see, score and are counted as owing scores only for the
nominations assigned to them.
"""

from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from .models import JuryMember, Nomination, Score

Assignment = Nomination.assigned_members.through


def is_assigned(member, nomination):
    return Assignment.objects.filter(jurymember=member, nomination=nomination).exists()


def assigned_pairs(round_):
    """(member id, nomination id) pairs of the round's assignments."""
    return set(
        Assignment.objects.filter(nomination__round=round_).values_list(
            "jurymember_id", "nomination_id"
        )
    )


def assignments_by_nomination(round_):
    """Nomination id -> the ids of the members assigned to it, for the ranking."""
    result = {}
    for member_id, nomination_id in assigned_pairs(round_):
        result.setdefault(nomination_id, set()).add(member_id)
    return result


def members_with_scores(nomination, members):
    """Those of members who have already scored the nomination: they cannot be unassigned."""
    scored = set(
        Score.objects.filter(nomination=nomination, jury_member__in=members).values_list(
            "jury_member_id", flat=True
        )
    )
    return [member for member in members if member.pk in scored]


UNASSIGN_SCORED_MESSAGE = _(
    "%(members)s already scored this nomination and must stay assigned to it."
)


@receiver(post_save, sender=Nomination)
def assign_whole_jury(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        instance.assigned_members.add(*instance.round.jury_members.all())


@receiver(post_save, sender=JuryMember)
def assign_new_member(sender, instance, created, raw=False, **kwargs):
    # A member who joins later scores the round's nominations too, unless left out.
    if created and not raw:
        instance.assigned_nominations.add(*instance.round.nominations.all())
