from django.http import Http404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.snippets.models import register_snippet

from . import documents, permissions, privacy, review
from .admin_views import MarkReviewedView, PracticeStatusReportView, StalePracticesReportView
from .dashboard import contributor_panel
from .models import PracticePage
from .translation import ensure_aliases
from .viewsets import adoption_viewset, taxonomy_group


@hooks.register("after_create_page")
def alias_new_practice_in_other_languages(request, page):
    if isinstance(page.specific, PracticePage):
        ensure_aliases(page)


register_snippet(taxonomy_group)


@hooks.register("register_admin_viewset")
def register_adoption_viewset():
    return adoption_viewset


@hooks.register("construct_explorer_page_queryset")
def hide_other_organisations_practices(parent_page, pages, request):
    return permissions.without_hidden_practices(request.user, pages)


@hooks.register("construct_page_chooser_queryset")
def hide_other_organisations_practices_in_chooser(pages, request):
    return permissions.without_hidden_practices(request.user, pages)


@hooks.register("construct_document_chooser_queryset")
def only_own_documents_in_chooser(documents_, request):
    return documents.visible_documents(request.user, documents_)


@hooks.register("before_serve_document")
def serve_only_public_or_own_documents(document, request):
    if not documents.may_download(request.user, document):
        raise Http404


@hooks.register("construct_main_menu")
def hide_reports_from_contributors(request, menu_items):
    # Reports are for editors; their data is narrowed by the page policy anyway.
    if permissions.is_scoped(request.user):
        menu_items[:] = [item for item in menu_items if item.name != "reports"]


def _report_urls(prefix, view, name):
    """A Wagtail report's page and the results its filters reload."""
    return [
        path(f"{prefix}/", view.as_view(), name=name),
        path(f"{prefix}/results/", view.as_view(results_only=True), name=f"{name}_results"),
    ]


@hooks.register("register_admin_urls")
def register_review_urls():
    return [
        *_report_urls("practices/to-review", StalePracticesReportView, "practices_stale_report"),
        *_report_urls("practices/by-status", PracticeStatusReportView, "practices_status_report"),
        path(
            "practices/<int:pk>/mark-reviewed/",
            MarkReviewedView.as_view(),
            name="practices_mark_reviewed",
        ),
    ]


class EditorsReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(permissions.ALL_PRACTICES_PERMISSION)


@hooks.register("register_reports_menu_item")
def register_stale_practices_report():
    return EditorsReportMenuItem(
        _("Practices to review"),
        reverse("practices_stale_report"),
        name="practices-to-review",
        icon_name="time",
        order=1150,
    )


@hooks.register("register_reports_menu_item")
def register_status_report():
    return EditorsReportMenuItem(
        _("Practices by status"),
        reverse("practices_status_report"),
        name="practices-by-status",
        icon_name="list-ul",
        order=1140,
    )


class MarkReviewedButton(PageMenuItem):
    label = _("Mark as reviewed")
    icon_name = "tick"
    url_name = "practices_mark_reviewed"

    def is_shown(self, user):
        return (
            issubclass(self.page.specific_class or type(self.page), PracticePage)
            and not self.page.alias_of_id
            and review.may_mark_reviewed(user, self.page)
        )


@hooks.register("register_page_header_buttons")
def mark_reviewed_button(page, user, view_name, next_url=None):
    yield MarkReviewedButton(page=page, priority=66)


@hooks.register("register_log_actions")
def register_review_log_action(actions):
    actions.register_action(
        review.MARK_REVIEWED_ACTION, _("Mark as reviewed"), _("Marked as reviewed")
    )
    actions.register_action(
        privacy.ERASE_ACTION, _("Remove contact person"), _("Contact person removed on request")
    )


@hooks.register("construct_homepage_panels")
def add_contributor_panel(request, panels):
    # A contributor's start: add a practice, and follow their own.
    panel = contributor_panel(request.user)
    if panel is not None:
        panels.append(panel)
