"""Who may use the jury views: group permissions set the ceiling, membership picks the rounds."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from .models import JuryMember, Nomination
from .progress import has_finished_own_scoring
from .services import is_conflicted

# The Secretariat reads scores and decisions; the Jury group only scores.
OVERSEER_PERMISSIONS = ("awards.view_score", "awards.view_decision")
SCORING_PERMISSIONS = ("awards.score_nominations",)
CONFLICT_PERMISSION = "awards.declare_conflicts"


def is_overseer(user):
    """Editors who follow every round's results without sitting on the jury."""
    return user.is_authenticated and user.has_perms(OVERSEER_PERMISSIONS)


def sits_on_a_jury(user):
    return user.is_authenticated and JuryMember.objects.filter(user=user).exists()


def may_open_jury_area(user):
    return sits_on_a_jury(user) or is_overseer(user)


def member_or_404(user, round_):
    """The user's membership of the round; other rounds do not exist for them."""
    member = (
        JuryMember.objects.filter(round=round_, user=user).select_related("round", "user").first()
    )
    if member is None:
        raise Http404
    return member


def scoring_member(user, round_):
    member = member_or_404(user, round_)
    if not user.has_perms(SCORING_PERMISSIONS):
        raise PermissionDenied
    return member


def results_viewer(user, round_):
    """Return the viewer's membership (None for an overseer off the jury); refuse others."""
    if is_overseer(user):
        return JuryMember.objects.filter(round=round_, user=user).select_related("round").first()
    member = member_or_404(user, round_)
    if not member.is_chair:
        raise PermissionDenied
    return member


def may_see_scores(member):
    """The chair is also a juror: others' scores stay hidden until their own are in."""
    if member is None:
        return True
    return member.round.scoring_has_closed() or has_finished_own_scoring(member)


def member_nominations(member):
    """The nominations a member reads and scores: eligible ones assigned to them."""
    return member.round.nominations.eligible().filter(assigned_members=member)


def readable_attachment_nomination(user, nomination_id):
    """The nomination whose attachments the user may download; refuse everyone else.

    The secretariat reads every nomination's attachments. A jury or panel member reads
    those of the nominations assigned to them, unless conflicted: a conflicted member
    neither scores nor reads the nomination's material.
    """
    if user.has_perm("awards.view_nomination"):
        return get_object_or_404(Nomination, pk=nomination_id)
    nomination = get_object_or_404(Nomination, pk=nomination_id)
    member = member_or_404(user, nomination.round)
    if not member_nominations(member).filter(pk=nomination.pk).exists():
        raise Http404
    if is_conflicted(member, nomination):
        raise PermissionDenied
    return nomination
