"""The admin dashboard's panel for jury and client panel members: what is left to score."""

from wagtail.admin.ui.components import Component

from .access import member_nominations
from .models import JuryMember
from .progress import ScoringStatus, status_matrix

OWED = (ScoringStatus.NOT_STARTED, ScoringStatus.DRAFT)


def pending_work(user, today=None):
    """[(member, [(nomination, status)])] for rounds whose scoring has not closed, each
    with the nominations the member still has to score; rounds with nothing left out."""
    work = []
    members = JuryMember.objects.filter(user=user).select_related("round")
    for member in members.order_by("round__scoring_close"):
        round_ = member.round
        if round_.scoring_has_closed(today):
            continue
        nominations = list(member_nominations(member).select_related("nominee"))
        statuses = status_matrix(round_, [member], nominations)
        owed = [(n, statuses[(member.pk, n.pk)]) for n in nominations]
        owed = [(n, status) for n, status in owed if status in OWED]
        if owed:
            work.append((member, owed))
    return work


class JuryWorkPanel(Component):
    name = "jury_work"
    template_name = "awards/admin/jury_work_panel.html"
    order = 50

    def __init__(self, work):
        self.work = work

    def get_context_data(self, parent_context):
        return {"work": self.work}
