from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .models import Nomination, Round
from .services import add_default_criteria, sync_automatic_conflicts
from .viewsets import awards_group

register_snippet(awards_group)


@hooks.register("after_create_snippet")
def give_new_round_default_criteria(request, instance):
    if isinstance(instance, Round):
        add_default_criteria(instance)


@hooks.register("after_create_snippet")
@hooks.register("after_edit_snippet")
def record_automatic_conflicts(request, instance):
    # Jury members and nominees may have changed: keep the automatic conflicts current.
    if isinstance(instance, Round):
        sync_automatic_conflicts(instance)
    elif isinstance(instance, Nomination):
        sync_automatic_conflicts(instance.round)


@hooks.register("register_log_actions")
def register_award_actions(actions):
    actions.register_action("awards.score_changed", _("Change score"), _("Score changed"))
    actions.register_action("awards.scores_submitted", _("Submit scores"), _("Scores submitted"))
    actions.register_action(
        "awards.conflict_declared", _("Declare conflict"), _("Conflict of interest declared")
    )
    actions.register_action(
        "awards.decision_recorded", _("Record decision"), _("Decision recorded")
    )
    actions.register_action(
        "awards.announcement_published", _("Publish announcement"), _("Announcement published")
    )
