"""The public search page and the autocomplete endpoint of its search box."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from goodpractice.i18n import current_language
from goodpractice.practices.api.responses import json_response, open_data, response_language

from . import service
from .documents import FACETS
from .queries import EXACT_PARAMETER, MAX_WINDOW, SearchParams

PAGE_SIZE = 10
FACET_HEADINGS = {
    "theme": _("Theme"),
    "target_group": _("Target group"),
    "county": _("Wellbeing services county"),
    "municipality": _("Municipality"),
    "evidence_level": _("Evidence level"),
    "status": _("Status"),
    "year": _("Start year"),
    "prize_winning": _("Prize"),
    "language": _("Language of the description"),
}
# Long lists show their first values; the rest are behind a <details> toggle.
FACET_VISIBLE = 8


def _toggle_query(data, name, value):
    query = data.copy()
    query.pop("page", None)
    values = [v for v in query.getlist(name) if v]
    if value in values:
        values.remove(value)
    else:
        values.append(value)
    query.setlist(name, values)
    return query.urlencode()


def _facet_groups(result, data):
    groups = []
    for name in FACETS:
        values = result.facets.get(name) or []
        if not values:
            continue
        for value in values:
            value["query"] = _toggle_query(data, name, value["value"])
        groups.append(
            {
                "name": name,
                "heading": FACET_HEADINGS[name],
                "values": values[:FACET_VISIBLE],
                "more": values[FACET_VISIBLE:],
                "active": any(v["selected"] for v in values),
            }
        )
    return groups


def search_page(request):
    data = request.GET
    params = SearchParams.from_query(data, current_language(), page_size=PAGE_SIZE)
    searched = bool(params.q or params.filters)
    result = service.search(params)
    paginator = Paginator(range(min(result.count, MAX_WINDOW)), params.page_size)
    page_obj = paginator.get_page(params.page)
    query = data.copy()
    query.pop("page", None)
    without_sort = query.copy()
    without_sort.pop("sort", None)
    # "Search instead for ...": the words as typed, without the spelling correction.
    exact = query.copy()
    exact[EXACT_PARAMETER] = "1"
    return render(
        request,
        "search/search_page.html",
        {
            "params": params,
            "result": result,
            "searched": searched,
            "facet_groups": _facet_groups(result, data),
            "page_obj": page_obj,
            "query_string": query.urlencode(),
            "sort_query": without_sort.urlencode(),
            "exact_query": exact.urlencode(),
            "words_not_found": ", ".join(f"“{word}”" for word in result.words_not_found),
            "sorts": [("relevance", _("Best match")), ("newest", _("Newest first"))],
            "from_database": result.backend == "database",
        },
    )


@open_data
def autocomplete(request):
    lang = response_language(request)
    suggestions = service.autocomplete(request.GET.get("q", ""), lang)
    return json_response({"results": suggestions})
