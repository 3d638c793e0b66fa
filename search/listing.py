"""The knowledge base's practice index filtered by the engine.

PracticeIndexPage keeps its own database query as the fallback: engine_practice_list()
returns None whenever the engine is not configured or fails, and the page goes on as
before.
"""

from collections.abc import Sequence

from . import connection
from .connection import EngineError
from .documents import alias_name
from .indexing import catch_up_if_due
from .queries import MAX_WINDOW, SearchParams, build_search


def _filter_values(filters):
    """PracticeFilterForm's cleaned data (model instances) → index filter values."""
    values = {}
    for name, value in filters.items():
        if name == "q" or value in (None, ""):
            continue
        if name in ("theme", "target_group", "evidence_level", "organisation"):
            value = value.slug
        elif name in ("county", "municipality"):
            value = value.code
        values[name] = [str(value)]
    return values


class EnginePracticeList(Sequence):
    """What Paginator needs: a length, and slices that are practice pages in engine order."""

    def __init__(self, queryset, count, ids_by_offset):
        self.queryset, self._count, self._ids = queryset, count, ids_by_offset

    def __len__(self):
        return self._count

    def count(self):
        return self._count

    def __getitem__(self, key):
        if not isinstance(key, slice):
            return self[key : key + 1][0]
        start = key.start or 0
        ids = self._ids.get(start) or []
        pages = {page.pk: page for page in self.queryset.filter(pk__in=ids)}
        return [pages[pk] for pk in ids if pk in pages]


def engine_practice_list(queryset, filters, ordering, language, page, page_size):
    """The filtered practices for one page of the index, or None to use the database."""
    if not connection.is_configured() or connection.recently_down():
        return None
    try:
        number = max(int(page or 1), 1)
    except (TypeError, ValueError):
        number = 1
    params = SearchParams(
        q=filters.get("q", "") or "",
        locale=language,
        filters=_filter_values(filters),
        sort="title" if ordering == "title" else "newest",
        page=number,
        page_size=page_size,
        facets=False,
        suggest=False,
    )
    try:
        engine = connection.get_engine()
        catch_up_if_due()
        response = engine.search(alias_name(), build_search(params).to_dict())
        count = min(response["hits"]["total"]["value"], MAX_WINDOW)
        if params.offset >= count > 0:
            # Past the last page: Paginator shows the last one, so fetch that.
            params.page = -(-count // page_size)
            response = engine.search(alias_name(), build_search(params).to_dict())
    except EngineError:
        connection.mark_down()
        return None
    ids = [hit["_source"]["page_id"] for hit in response["hits"]["hits"]]
    return EnginePracticeList(queryset, count, {params.offset: ids})


def practice_page(filters, ordering, page_number, page_size):
    """One page (django.core.paginator.Page) of the public practices in the reader's
    language matching `filters`: the engine filters and counts when it can answer, so the
    cost does not grow with the catalogue; the database does otherwise."""
    from django.core.paginator import Paginator
    from wagtail.models import Locale

    from goodpractice.practices.filters import apply_filters
    from goodpractice.practices.queries import public_practices

    practices = engine_practice_list(
        public_practices(),
        filters,
        ordering,
        Locale.get_active().language_code,
        page_number,
        page_size,
    )
    if practices is None:
        practices = apply_filters(public_practices(), filters).order_by(
            "title" if ordering == "title" else "-first_published_on", "pk"
        )
    return Paginator(practices, page_size).get_page(page_number)
