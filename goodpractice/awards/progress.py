"""Who has scored what: each member's status per nomination, for the jury and chair views."""

from collections import Counter
from dataclasses import dataclass, field

from django.db import models
from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from .assignment import assigned_pairs
from .models import Score
from .services import conflicted_pairs


class ScoringStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    CONFLICTED = "conflicted", _("Conflicted")


def status_matrix(round_, members, nominations):
    """Map (member id, nomination id) to the member's ScoringStatus for that nomination.

    Pairs where the nomination is not assigned to the member are left out.
    """
    members, nominations = list(members), list(nominations)
    criteria_count = round_.criteria.count()
    conflicts = conflicted_pairs(round_, members=members, nominations=nominations)
    # Only assigned pairs are owed (or shown): the others are not the member's to score.
    assigned = assigned_pairs(round_)
    counts = {
        (row["jury_member"], row["nomination"]): (row["total"], row["submitted"])
        for row in Score.objects.filter(
            jury_member__in=[m.pk for m in members], nomination__in=[n.pk for n in nominations]
        )
        .values("jury_member", "nomination")
        .annotate(total=Count("pk"), submitted=Count("submitted_at"))
    }
    matrix = {}
    for member in members:
        for nomination in nominations:
            key = (member.pk, nomination.pk)
            if key not in assigned:
                continue
            total, submitted = counts.get(key, (0, 0))
            if key in conflicts:
                matrix[key] = ScoringStatus.CONFLICTED
            elif criteria_count and submitted >= criteria_count:
                matrix[key] = ScoringStatus.SUBMITTED
            elif total:
                matrix[key] = ScoringStatus.DRAFT
            else:
                matrix[key] = ScoringStatus.NOT_STARTED
    return matrix


@dataclass
class ProgressRow:
    """One juror's or one nomination's tally of statuses."""

    subject: object
    counts: Counter = field(default_factory=Counter)

    @property
    def submitted(self):
        return self.counts[ScoringStatus.SUBMITTED]

    @property
    def draft(self):
        return self.counts[ScoringStatus.DRAFT]

    @property
    def not_started(self):
        return self.counts[ScoringStatus.NOT_STARTED]

    @property
    def conflicted(self):
        return self.counts[ScoringStatus.CONFLICTED]

    @property
    def expected(self):
        """Score sets owed: conflicted pairs are not owed."""
        return self.submitted + self.draft + self.not_started

    @property
    def complete(self):
        return self.submitted == self.expected


@dataclass
class RoundProgress:
    by_member: list
    by_nomination: list

    @property
    def complete(self):
        return all(row.complete for row in self.by_member)


def round_progress(round_):
    """Progress of the round's eligible nominations, per member and per nomination."""
    members = list(round_.jury_members.select_related("user"))
    nominations = list(round_.nominations.eligible().select_related("nominee"))
    matrix = status_matrix(round_, members, nominations)
    by_member = {m.pk: ProgressRow(m) for m in members}
    by_nomination = {n.pk: ProgressRow(n) for n in nominations}
    for (member_id, nomination_id), status in matrix.items():
        by_member[member_id].counts[status] += 1
        by_nomination[nomination_id].counts[status] += 1
    return RoundProgress(list(by_member.values()), list(by_nomination.values()))


def member_progress(member):
    """One member's tally over the round's eligible nominations assigned to them."""
    nominations = list(member.round.nominations.eligible().select_related("nominee"))
    return ProgressRow(member, Counter(status_matrix(member.round, [member], nominations).values()))


def has_finished_own_scoring(member):
    """Whether the member has submitted, or is conflicted on, every assigned nomination."""
    return member_progress(member).complete
