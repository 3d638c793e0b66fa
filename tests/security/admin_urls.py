"""Every admin URL, generated from Django's URL resolver with the seeded objects' ids.

A view added to Wagtail, wagtail-localize or the project is covered without anyone
listing it: each named pattern under /admin/ is reversed with candidate values for its
captures (every seeded id, model names, export formats), reports get ?export=csv and
?export=xlsx, and bulk actions get ?id= for every seeded id.
"""

import itertools
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.apps import apps
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.admin.views.mixins import SpreadsheetExportMixin

ADMIN_PREFIX = "admin/"
# Ending the session would sign the role out for the rest of the sweep.
SKIPPED_NAMES = {"wagtailadmin_logout"}
EXPORT_FORMATS = ("csv", "xlsx")
NO_SUCH_ID = 987654321


@dataclass
class Ids:
    """Ids of the seeded objects: `first` for a URL's first id, `second` for later ones
    (revisions, task states, nominations in a round...)."""

    first: list
    second: list
    models: list = field(default_factory=list)


@dataclass(frozen=True)
class AdminPattern:
    name: str
    captures: tuple
    exports: bool


def _walk(patterns, prefix="", namespaces=()):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            chain = namespaces + ((pattern.namespace,) if pattern.namespace else ())
            yield from _walk(pattern.url_patterns, route, chain)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield route, ":".join((*namespaces, pattern.name)), pattern


def _exports(pattern):
    view_class = getattr(pattern.callback, "view_class", None)
    return isinstance(view_class, type) and issubclass(view_class, SpreadsheetExportMixin)


def admin_patterns():
    found = {}
    for route, name, pattern in _walk(get_resolver().url_patterns):
        if not route.lstrip("^").startswith(ADMIN_PREFIX) or name in SKIPPED_NAMES:
            continue
        captures = tuple(pattern.pattern.regex.groupindex)
        found.setdefault((name, captures), AdminPattern(name, captures, _exports(pattern)))
    return list(found.values())


# Models whose admin views are worth sweeping: the project's and Wagtail's content.
SWEPT_APPS = {"awards", "organisations", "practices", "privacy", "home", "taggit"}
SWEPT_MODELS = {
    ("wagtailcore", "page"),
    ("wagtaildocs", "document"),
    ("wagtailimages", "image"),
    ("auth", "user"),
}
# Above this many combinations a URL gets a covering set: every value of every capture
# at least once, not every combination.
FULL_PRODUCT_LIMIT = 30


def model_pairs():
    pairs = [(m._meta.app_label, m._meta.model_name) for m in apps.get_models()]
    return [p for p in pairs if p[0] in SWEPT_APPS or p in SWEPT_MODELS]


def _combinations(choices):
    total = 1
    for values in choices:
        total *= len(values)
    if total <= FULL_PRODUCT_LIMIT:
        return itertools.product(*choices)
    longest = max(len(values) for values in choices)
    return (tuple(values[i % len(values)] for values in choices) for i in range(longest))


def _values(capture, position, ids):
    """Candidate values for one capture that is neither an app label nor a model name."""
    if capture in ("fmt",):
        return list(EXPORT_FORMATS)
    if capture in ("action_name",):
        return ["approve", "reject"]
    if capture in ("mode", "filter_spec"):
        return ["original"]
    if capture in ("uidb64", "token"):
        return ["x"]
    if capture.startswith("revision_id_"):
        return [*ids.second[:6], "live" if capture.endswith("a") else "latest"]
    return ids.first if position == 0 else ids.second


def _is_app(capture):
    return capture.startswith("app") or capture == "content_type_app_name"


def _is_model(capture):
    return capture.startswith("model") or capture == "content_type_model_name"


def _kwargs_candidates(captures, ids):
    apps_at = [c for c in captures if _is_app(c)]
    models_at = [c for c in captures if _is_model(c)]
    rest = [c for c in captures if c not in apps_at and c not in models_at]
    choices = [_values(c, i, ids) for i, c in enumerate(rest)]
    if apps_at and models_at:
        choices.insert(0, ids.models)
    for combo in _combinations(choices):
        values = list(combo)
        base = {}
        if apps_at and models_at:
            app_label, model_name = values.pop(0)
            base = {apps_at[0]: app_label, models_at[0]: model_name}
        yield {**base, **dict(zip(rest, values, strict=True))}


def _reverse(name, kwargs):
    try:
        return reverse(name, kwargs=kwargs)
    except NoReverseMatch:
        return None


def urls_for(pattern, ids):
    """(probe, urls): a URL with ids that do not exist, and every URL to request."""
    if pattern.name == "wagtail_bulk_action":
        return None, list(_bulk_urls(ids))
    if not pattern.captures:
        url = _reverse(pattern.name, {})
        urls = [url] if url else []
        if url and pattern.exports:
            urls += [f"{url}?export={fmt}" for fmt in EXPORT_FORMATS]
        return None, urls
    probe_ids = Ids(first=[NO_SUCH_ID], second=[NO_SUCH_ID], models=ids.models[:1])
    probe = next(
        filter(
            None,
            (_reverse(pattern.name, k) for k in _kwargs_candidates(pattern.captures, probe_ids)),
        ),
        None,
    )
    urls = [
        url
        for url in (_reverse(pattern.name, k) for k in _kwargs_candidates(pattern.captures, ids))
        if url
    ]
    return probe, list(dict.fromkeys(urls))


def _bulk_urls(ids):
    bulk_action_registry._scan_for_bulk_actions()
    query = urlencode([("id", pk) for pk in ids.first + ids.second] + [("next", "/admin/")])
    for app_label, models in bulk_action_registry.actions.items():
        for model_name, actions in models.items():
            for action in actions:
                url = reverse("wagtail_bulk_action", args=(app_label, model_name, action))
                yield f"{url}?{query}"
