"""Database search: the same SearchParams answered by the ORM when the engine can't.

On PostgreSQL the words are matched by full-text search in Finnish, Swedish and English
(search.fulltext: stored, GIN-indexed tsvectors) and results ranked by it; on SQLite
(development only) by icontains over the page's columns, without stemming.
"""

import re
from collections import defaultdict

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, FloatField, OuterRef, Q, Subquery, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.utils.html import escape
from django.utils.safestring import mark_safe
from wagtail.models import Locale

from goodpractice.awards.winners import winning_practice_filter
from goodpractice.practices.models import PracticeKeyword, PracticePage, Theme

from . import fulltext
from .documents import FACETS
from .models import FallbackDocument
from .queries import SearchResult, mark, sort_facet

WORD = fulltext.WORD


def _base(locale):
    locale_obj = Locale.objects.filter(language_code=locale).first()
    pages = PracticePage.objects.live().public()
    return pages.filter(locale=locale_obj) if locale_obj else pages.none()


def _word_filter(word):
    # The page's own columns, or a theme or keyword by id: no OR across many-to-many
    # joins, which would multiply the rows scanned.
    themes = Theme.objects.filter(
        Q(name_fi__icontains=word) | Q(name_sv__icontains=word) | Q(name_en__icontains=word)
    )
    return (
        Q(title__icontains=word)
        | Q(summary__icontains=word)
        | Q(description__icontains=word)
        | Q(need__icontains=word)
        | Q(results__icontains=word)
        | Q(
            pk__in=PracticePage.themes.through.objects.filter(theme__in=themes).values(
                "practicepage_id"
            )
        )
        | Q(
            pk__in=PracticeKeyword.objects.filter(tag__name__icontains=word).values(
                "content_object_id"
            )
        )
    )


def _text_match(base, q):
    """(pages matching the words of q, their rank expression or None)."""
    if not fulltext.available():
        for word in WORD.findall(q)[: fulltext.MAX_WORDS]:
            base = base.filter(_word_filter(word))
        return base, None
    raw = fulltext.build_query(q)
    if raw is None:  # only stop words: like the engine, everything matches
        return base, None
    query = SearchQuery(raw, search_type="raw", config="simple")
    documents = FallbackDocument.objects.filter(document=query).values("page_id")
    # An alias is found by its original's document.
    base = base.filter(Q(pk__in=documents) | Q(alias_of_id__in=documents))
    rank = Subquery(
        FallbackDocument.objects.filter(page_id=Coalesce(OuterRef("alias_of_id"), OuterRef("pk")))
        .annotate(rank=SearchRank(F("document"), query, weights=fulltext.RANK_WEIGHTS))
        .values("rank")[:1]
    )
    return base, rank


def search(params, labels):
    base = _base(params.locale)
    base, rank = _text_match(base, params.q) if params.q else (base, None)
    if "organisation" in params.filters:
        base = base.filter(organisations__slug__in=params.filters["organisation"])
    # The text match runs once; counts, facets and order are worked out from its rows
    # here, instead of a COUNT(DISTINCT) over joins per facet in the database.
    rows = {
        pk: (score or 0.0, published, title)
        for pk, score, published, title in base.annotate(
            score=rank if rank is not None else Value(0.0, output_field=FloatField())
        )
        .values_list("pk", "score", "first_published_on", "title")
        .distinct()
    }
    values = FacetValues(list(rows)) if rows else None
    passing = {
        name: values.passing(name, params.filters[name]) if values else set()
        for name in FACETS
        if name in params.filters
    }
    matching = set(rows).intersection(*passing.values())
    ordered = sorted(matching, key=_sort_key(params, rows, rank is not None))
    page_ids = ordered[params.offset : params.offset + params.page_size]
    found = PracticePage.objects.filter(pk__in=page_ids).only(
        "pk", "title", "summary", "language", "url_path"
    )
    pages = sorted(found, key=lambda page: page_ids.index(page.pk))
    facets = {}
    if params.facets:
        facets = _facets(set(rows), values, passing, params, labels)
    words = WORD.findall(params.q)
    marks = fulltext.headlines(pages, params.q) if rank is not None else {}
    return SearchResult(
        count=len(matching),
        results=[_result(page, words, marks.get(page.pk)) for page in pages],
        facets=facets,
        suggestion=None,
        backend="database",
        params=params,
    )


def _sort_key(params, rows, ranked):
    def newest(pk):
        published = rows[pk][1]
        # Newest first, undated last, then the highest id, as the engine sorts.
        return (published is None, -(published.timestamp() if published else 0), -pk)

    if params.sort == "title":
        return lambda pk: (rows[pk][2], pk)
    if params.sort == "relevance" and ranked:
        return lambda pk: (-rows[pk][0], *newest(pk))
    return newest


def _among(ids):
    """The right-hand side of an __in lookup for many ids.

    On PostgreSQL one array parameter: thousands of placeholders cost more to build and
    parse than the query itself takes.
    """
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::integer[])", [ids])
    return ids


class FacetValues:
    """For each facet, the matched pages that have each value (value -> set of ids).

    Loaded with one query per relation; counts and filters are then set operations.
    """

    def __init__(self, ids):
        among = _among(ids)
        pages = {name: defaultdict(set) for name in FACETS}
        names = ("status", "year", "language", "evidence_level")
        columns = ("status", "started_year", "language", "evidence_level__slug")
        rows = PracticePage.objects.filter(pk__in=among).values_list("pk", *columns)
        for pk, *values in rows:
            for name, value in zip(names, values, strict=True):
                pages[name][value].add(pk)
        relations = (
            ("theme", PracticePage.themes.through, ("theme__slug",)),
            ("target_group", PracticePage.target_groups.through, ("targetgroup__slug",)),
            (
                ("municipality", "county"),
                PracticePage.organisations.through,
                ("organisation__code", "organisation__region__code"),
            ),
        )
        for names, through, paths in relations:
            names = (names,) if isinstance(names, str) else names
            rows = through.objects.filter(practicepage_id__in=among)
            for pk, *values in rows.values_list("practicepage_id", *paths):
                for name, value in zip(names, values, strict=True):
                    pages[name][value].add(pk)
        winners = set(
            PracticePage.objects.filter(pk__in=among)
            .filter(winning_practice_filter())
            .values_list("pk", flat=True)
        )
        pages["prize_winning"]["true"] = winners
        pages["prize_winning"]["false"] = set(ids) - winners
        self.pages = {
            name: {str(value): found for value, found in values.items() if value not in (None, "")}
            for name, values in pages.items()
        }

    def passing(self, name, selected):
        if name == "prize_winning":
            selected = selected[:1]  # like the engine's term filter: the first value decides
        values = self.pages[name]
        return set().union(*(values.get(value, set()) for value in selected))


def _facets(matched, values, passing, params, labels):
    facets = {}
    for name in FACETS:
        # Each facet counts with every other facet's filter applied, not its own.
        scoped = matched.intersection(*(ids for other, ids in passing.items() if other != name))
        counts = {}
        if values:
            counts = {value: len(found & scoped) for value, found in values.pages[name].items()}
        selected = set(params.filters.get(name, ()))
        facets[name] = sort_facet(
            name,
            [
                {
                    "value": value,
                    "label": labels(name, value),
                    "count": n,
                    "selected": value in selected,
                }
                for value, n in counts.items()
                if n
            ],
        )
    return facets


def _highlight(text, words):
    if not words or not text:
        return ""
    pattern = re.compile("|".join(re.escape(w) for w in words), re.IGNORECASE)
    match = pattern.search(text)
    if not match:
        return ""
    start = max(0, match.start() - 60)
    snippet = text[start : start + 200]
    parts, last = [], 0
    for found in pattern.finditer(snippet):
        parts.append(escape(snippet[last : found.start()]))
        parts.append(f"<mark>{escape(found.group(0))}</mark>")
        last = found.end()
    parts.append(escape(snippet[last:]))
    return mark_safe(("… " if start else "") + "".join(parts))


def _result(page, words, marks=None):
    path = page.get_url() or ""
    if marks is not None:  # the full-text search's own highlights: inflected forms too
        title_html, highlight = (mark(text) for text in marks)
        title_html = title_html or escape(page.title)
    else:
        title_html = _highlight(page.title, words) or escape(page.title)
        highlight = _highlight(page.summary, words)
    return {
        "page_id": page.pk,
        "title": page.title,
        "url": page.get_full_url() or path,
        "path": path,
        "language": page.language,
        "summary": page.summary,
        "title_html": title_html,
        "highlight": highlight,
    }
