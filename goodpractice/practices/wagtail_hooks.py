from wagtail import hooks
from wagtail.snippets.models import register_snippet

from . import permissions
from .models import PracticePage
from .translation import ensure_aliases
from .viewsets import taxonomy_group


@hooks.register("after_create_page")
def alias_new_practice_in_other_languages(request, page):
    if isinstance(page.specific, PracticePage):
        ensure_aliases(page)


register_snippet(taxonomy_group)


@hooks.register("construct_explorer_page_queryset")
def hide_other_organisations_practices(parent_page, pages, request):
    return permissions.without_hidden_practices(request.user, pages)


@hooks.register("construct_page_chooser_queryset")
def hide_other_organisations_practices_in_chooser(pages, request):
    return permissions.without_hidden_practices(request.user, pages)


@hooks.register("construct_main_menu")
def hide_reports_from_contributors(request, menu_items):
    # Reports are for editors; their data is narrowed by the page policy anyway.
    if permissions.is_scoped(request.user):
        menu_items[:] = [item for item in menu_items if item.name != "reports"]
