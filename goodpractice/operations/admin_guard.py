"""Access checks Wagtail's generic admin views leave out.

Wagtail opens some views to anyone who may use the admin: the snippet choosers,
wagtail-localize's snippets API, the bulk action confirmation pages (which list the
titles of every id asked for) and the workflow preview (whose refusal names the page's
latest draft title). Contributors and jurors use the admin too, so these views are
narrowed here, by URL name, before the view runs:

- a chooser, snippets API or bulk action of a model needs a permission on that model,
  unless the model is public reference data (organisations, the taxonomy);
- a page bulk action keeps only the pages the user may work on;
- a page's workflow preview needs the right to edit or publish that page;
- documents (API, views) are limited to one's own (practices/documents.py);
- the tag autocomplete offers scoped users only keywords of live or own practices;
- the views that name a page without checking it (explorer, page chooser, move) answer
  404 for a practice the user may not see, as if it did not exist.
"""

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse, QueryDict
from django.urls import reverse
from taggit.models import Tag
from wagtail.models import Page
from wagtail.permissions import policy_registry

from goodpractice.practices.documents import visible_documents
from goodpractice.practices.permissions import hidden_practices, is_scoped, visible_keywords

# Reference data anyone writing a practice chooses from; public on the site anyway.
PUBLIC_MODELS = {
    ("organisations", "organisation"),
    ("practices", "theme"),
    ("practices", "targetgroup"),
    ("practices", "evidencelevel"),
}
MODEL_ACTIONS = ("add", "change", "delete", "view")
PAGE_ACTIONS = ["add", "change", "publish", "bulk_delete", "lock", "unlock"]
LOCALIZE_SNIPPET_VIEWS = {
    "wagtail_localize:snippets_api_listing",
    "wagtail_localize:snippets_api_detail",
    "wagtail_localize:submit_snippet_translation",
}
CHOOSER_NAMESPACE = "wagtailsnippetchoosers_"
DOCUMENT_CAPTURES = ("document_id", "doc_id", "pk")
DOCUMENT_VIEWS = ("wagtaildocs", "wagtailadmin_api:documents")
# Wagtail views that show a page's (draft) title without checking the user's permission
# on it; the others refuse by themselves, with Wagtail's own message.
PAGE_NAMING_VIEWS = {
    "wagtailadmin_explore",
    "wagtailadmin_explore_results",
    "wagtailadmin_choose_page_child",
    "wagtailadmin_pages:move",
    "wagtailadmin_pages:move_confirm",
}
PAGE_CAPTURES = ("page_id", "parent_page_id", "page_to_move_id", "destination_id", "page_pk")


def _page_policy():
    # The project's policy (practices/apps.py), which narrows contributors to their own.
    return policy_registry.get_by_type(Page)


def may_use_model(user, app_label, model_name):
    if (app_label, model_name) in PUBLIC_MODELS or user.is_superuser:
        return True
    try:
        apps.get_model(app_label, model_name)
    except LookupError as error:
        raise Http404 from error
    return any(user.has_perm(f"{app_label}.{action}_{model_name}") for action in MODEL_ACTIONS)


def _chooser_model(match):
    for namespace in match.namespaces:
        if namespace.startswith(CHOOSER_NAMESPACE):
            return namespace.removeprefix(CHOOSER_NAMESPACE).split("_", 1)
    return None


def _only_workable_pages(request):
    asked = [pk for pk in request.GET.getlist("id") if pk.isdigit()]
    allowed = (
        _page_policy()
        .instances_user_has_any_permission_for(request.user, PAGE_ACTIONS)
        .filter(pk__in=asked)
    )
    query = request.GET.copy()
    query.setlist("id", [str(pk) for pk in allowed.values_list("pk", flat=True)])
    request.GET = QueryDict(query.urlencode())


def _check_bulk_action(request, kwargs):
    app_label, model_name = kwargs["app_label"], kwargs["model_name"]
    model = apps.get_model(app_label, model_name) if apps.is_installed(app_label) else None
    if model is not None and issubclass(model, Page):
        _only_workable_pages(request)
    elif not may_use_model(request.user, app_label, model_name):
        raise PermissionDenied


def _check_workflow_preview(request, kwargs):
    page = Page.objects.filter(pk=kwargs["page_id"]).first()
    if page is None or not _page_policy().user_has_any_permission_for_instance(
        request.user, ["change", "publish"], page
    ):
        raise Http404


def _check_named_pages(request, kwargs):
    ids = [kwargs[name] for name in PAGE_CAPTURES if name in kwargs]
    if ids and is_scoped(request.user) and hidden_practices(request.user).filter(pk__in=ids):
        raise Http404


def _check_documents(request, name, kwargs):
    if not is_scoped(request.user):
        return
    if name == "wagtailadmin_api:documents:listing":
        # The admin's own screens use the chooser; the API would list every document.
        raise PermissionDenied
    ids = [kwargs[key] for key in DOCUMENT_CAPTURES if key in kwargs]
    visible = visible_documents(request.user).filter(pk__in=ids)
    if name.startswith(DOCUMENT_VIEWS) and ids and visible.count() < len(set(ids)):
        raise Http404


TAG_AUTOCOMPLETE = {"wagtailadmin_tag_autocomplete", "wagtailadmin_tag_model_autocomplete"}
TAGS_LIMIT = 10


def _own_tag_autocomplete(request):
    """Wagtail's tag autocomplete, without other organisations' draft keywords."""
    term = request.GET.get("term", "")
    tags = Tag.objects.none()
    if term:
        tags = visible_keywords(request.user, Tag.objects.filter(name__istartswith=term))
    names = tags.order_by("name").values_list("name", flat=True)[:TAGS_LIMIT]
    return JsonResponse(list(names), safe=False)


class AdminGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or not request.user.is_authenticated:
            return None
        name = match.view_name
        if name in PAGE_NAMING_VIEWS:
            _check_named_pages(request, view_kwargs)
        if request.path.startswith(reverse("wagtailadmin_home")):
            _check_documents(request, name, view_kwargs)
        chooser = _chooser_model(match)
        if chooser and not may_use_model(request.user, *chooser):
            raise PermissionDenied
        if name in LOCALIZE_SNIPPET_VIEWS and not may_use_model(
            request.user, view_kwargs["app_label"], view_kwargs["model_name"]
        ):
            raise PermissionDenied
        if name == "wagtail_bulk_action":
            _check_bulk_action(request, view_kwargs)
        if name in TAG_AUTOCOMPLETE and is_scoped(request.user):
            return _own_tag_autocomplete(request)
        if name == "wagtailadmin_pages:workflow_preview":
            _check_workflow_preview(request, view_kwargs)
        return None
