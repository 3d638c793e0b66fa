"""Database search: the same SearchParams answered by the ORM when the engine can't.

On PostgreSQL the words are matched by full-text search in Finnish, Swedish and English
(search.fulltext: stored, GIN-indexed tsvectors) and results ranked by it; on SQLite
(development only) by icontains over the page's columns, without stemming.
"""

import re
import time
from collections import defaultdict

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import Count, F, Max, Q
from django.db.models.expressions import RawSQL
from django.utils.html import escape
from django.utils.safestring import mark_safe
from wagtail.models import Locale

from goodpractice.awards.winners import winning_translation_keys
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


def _text_scores(locale, pages, q):
    """({page id: rank} of the locale's pages matching q, whether q had words to match)."""
    if not fulltext.available():
        base = _base(locale)
        for word in WORD.findall(q)[: fulltext.MAX_WORDS]:
            base = base.filter(_word_filter(word))
        return dict.fromkeys(base.values_list("pk", flat=True), 0.0), True
    raw = fulltext.build_query(q)
    if raw is None:  # only stop words: like the engine, everything matches
        return dict.fromkeys(pages.rows, 0.0), False
    query = SearchQuery(raw, search_type="raw", config="simple")
    ranks = (
        FallbackDocument.objects.filter(document=query)
        .annotate(rank=SearchRank(F("document"), query, weights=fulltext.RANK_WEIGHTS))
        .values_list("page_id", "rank")
    )
    # An alias is found by its original's document.
    return {pk: rank for doc, rank in ranks for pk in pages.by_document.get(doc, ())}, True


def search(params, labels):
    pages = locale_pages(params.locale)
    if params.q:
        scores, matched_words = _text_scores(params.locale, pages, params.q)
    else:
        scores, matched_words = dict.fromkeys(pages.rows, 0.0), False
    matched = set(scores) & pages.rows.keys()
    if "organisation" in params.filters:
        matched &= pages.passing("organisation", params.filters["organisation"])
    passing = {
        name: pages.passing(name, params.filters[name]) for name in FACETS if name in params.filters
    }
    matching = matched.intersection(*passing.values())
    ranked = matched_words and params.sort == "relevance"
    ordered = sorted(matching, key=_sort_key(params, pages.rows, scores if ranked else None))
    page_ids = ordered[params.offset : params.offset + params.page_size]
    found = PracticePage.objects.filter(pk__in=page_ids).only(
        "pk", "title", "summary", "language", "url_path"
    )
    results = sorted(found, key=lambda page: page_ids.index(page.pk))
    facets = _facets(matched, pages, passing, params, labels) if params.facets else {}
    words = WORD.findall(params.q)
    highlighted = matched_words and fulltext.available()
    marks = fulltext.headlines(results, params.q) if highlighted else {}
    return SearchResult(
        count=len(matching),
        results=[_result(page, words, marks.get(page.pk)) for page in results],
        facets=facets,
        suggestion=None,
        backend="database",
        params=params,
    )


def _sort_key(params, rows, scores):
    def newest(pk):
        published = rows[pk][1]
        # Newest first, undated last, then the highest id, as the engine sorts.
        return (published is None, -(published.timestamp() if published else 0), -pk)

    if params.sort == "title":
        return lambda pk: (rows[pk][2], pk)
    if scores is not None:
        return lambda pk: (-scores[pk], *newest(pk))
    return newest


# Seconds a locale's page list and facet values are reused while nothing is published;
# bounds what changes without a publish (an organisation's region), like the page cache.
SNAPSHOT_SECONDS = 300
_snapshots = {}


def locale_pages(locale):
    """The LocalePages of a locale, rebuilt when its pages change or after SNAPSHOT_SECONDS."""
    fingerprint = tuple(
        _base(locale)
        .aggregate(n=Count("pk"), top=Max("pk"), last=Max("last_published_at"))
        .values()
    )
    now = time.monotonic()
    cached = _snapshots.get(locale)
    if cached is None or cached[0] != fingerprint or cached[1] < now:
        cached = _snapshots[locale] = (fingerprint, now + SNAPSHOT_SECONDS, LocalePages(locale))
    return cached[2].with_prize_winners()


class LocalePages:
    """A locale's live, public practice pages: what ordering needs, and each facet's values.

    Loaded with one query per relation; a search then needs only its text match from the
    database, and counts, filters and facets are set operations here.
    """

    def __init__(self, locale):
        self.rows = {}  # page id -> (document id, published, title)
        self.by_document = defaultdict(list)  # document id -> page ids
        self.by_translation = defaultdict(set)  # translation key -> page ids
        for pk, alias_of, published, title, key in _base(locale).values_list(
            "pk", "alias_of_id", "first_published_on", "title", "translation_key"
        ):
            self.rows[pk] = (alias_of or pk, published, title)
            self.by_document[alias_of or pk].append(pk)
            self.by_translation[key].add(pk)
        ids = list(self.rows)
        among = _among(ids)
        pages = {name: defaultdict(set) for name in (*FACETS, "organisation")}
        names = ("status", "year", "language", "evidence_level")
        columns = ("status", "started_year", "language", "evidence_level__slug")
        rows = PracticePage.objects.filter(pk__in=among).values_list("pk", *columns)
        for pk, *values in rows:
            for name, value in zip(names, values, strict=True):
                pages[name][value].add(pk)
        relations = (
            (("theme",), PracticePage.themes.through, ("theme__slug",)),
            (("target_group",), PracticePage.target_groups.through, ("targetgroup__slug",)),
            (
                ("municipality", "county", "organisation"),
                PracticePage.organisations.through,
                ("organisation__code", "organisation__region__code", "organisation__slug"),
            ),
        )
        for names, through, paths in relations:
            rows = through.objects.filter(practicepage_id__in=among)
            for pk, *values in rows.values_list("practicepage_id", *paths):
                for name, value in zip(names, values, strict=True):
                    pages[name][value].add(pk)
        self.pages = {
            name: {str(value): found for value, found in values.items() if value not in (None, "")}
            for name, values in pages.items()
        }

    def with_prize_winners(self):
        """Today's prize winners, read afresh: an announcement publishes no page."""
        keys = winning_translation_keys()
        winners = set().union(*(self.by_translation.get(key, set()) for key in keys))
        self.pages["prize_winning"] = {"true": winners, "false": self.rows.keys() - winners}
        return self

    def passing(self, name, selected):
        if name == "prize_winning":
            selected = selected[:1]  # like the engine's term filter: the first value decides
        values = self.pages[name]
        return set().union(*(values.get(value, set()) for value in selected))


def _among(ids):
    """The right-hand side of an __in lookup for many ids.

    On PostgreSQL one array parameter: thousands of placeholders cost more to build and
    parse than the query itself takes.
    """
    if connection.vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::integer[])", [ids])
    return ids


def _facets(matched, pages, passing, params, labels):
    facets = {}
    for name in FACETS:
        # Each facet counts with every other facet's filter applied, not its own.
        scoped = matched.intersection(*(ids for other, ids in passing.items() if other != name))
        counts = {value: len(found & scoped) for value, found in pages.pages[name].items()}
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
