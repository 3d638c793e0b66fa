from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet

from . import access, admin_urls, admin_views
from .announcement import carry_out_announcement
from .dashboard import JuryWorkPanel, pending_work
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


@hooks.register("after_edit_snippet")
def carry_out_published_announcement(request, instance):
    # Editors may publish the announcement by ticking the box on the round.
    if isinstance(instance, Round):
        round_ = Round.objects.get(pk=instance.pk)
        if round_.is_announced() and round_.decision.announced_at is None:
            carry_out_announcement(round_, user=request.user)


@hooks.register("register_snippet_listing_buttons")
def merge_duplicate_button(snippet, user, next_url=None):
    if (
        isinstance(snippet, Nomination)
        and not snippet.duplicate_of_id
        and user.has_perm("awards.change_nomination")
    ):
        yield Button(
            _("Merge duplicate"),
            url=reverse("wagtailsnippets_awards_nomination:merge", args=[snippet.pk]),
            icon_name="resubmit",
            priority=25,
        )


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
    actions.register_action(
        "awards.announcement_carried_out",
        _("Carry out announcement"),
        _("Winner linked to the knowledge base"),
    )
    actions.register_action(
        "awards.nomination_screened", _("Screen nomination"), _("Nomination screened")
    )
    actions.register_action(
        "awards.nomination_merged", _("Merge duplicate"), _("Nomination merged as a duplicate")
    )


@hooks.register("register_admin_urls")
def register_jury_urls():
    return [
        path("jury/", include(admin_urls, namespace="awards_jury")),
        path(
            "prize/attachments/<int:pk>/",
            admin_views.download_attachment,
            name="awards_attachment",
        ),
    ]


class JuryMenuItem(MenuItem):
    def is_shown(self, request):
        # Only for those who sit on a jury or panel, and the secretariat following results.
        return access.may_open_jury_area(request.user)


@hooks.register("register_admin_menu_item")
def register_jury_menu_item():
    return JuryMenuItem(
        _("Jury"), reverse("awards_jury:rounds"), name="jury", icon_name="group", order=230
    )


@hooks.register("construct_homepage_panels")
def add_jury_work_panel(request, panels):
    # First thing a juror sees on signing in: what is still to score, and by when.
    work = pending_work(request.user)
    if work:
        panels.append(JuryWorkPanel(work))
