"""Database search: the same SearchParams answered by the ORM when the engine can't.

Portable lookups only (icontains, joins, COUNT), so it behaves the same on PostgreSQL and
SQLite. No stemming: a degraded but working search.
"""

import re

from django.db.models import Count, Q
from django.utils.html import escape
from django.utils.safestring import mark_safe
from wagtail.models import Locale

from goodpractice.awards.winners import winning_practice_filter
from goodpractice.practices.models import PracticeKeyword, PracticePage, Theme

from .documents import FACETS
from .queries import SearchResult, sort_facet

# Facet name -> the ORM path of its value.
FACET_PATHS = {
    "theme": "themes__slug",
    "target_group": "target_groups__slug",
    "county": "organisations__region__code",
    "municipality": "organisations__code",
    "evidence_level": "evidence_level__slug",
    "status": "status",
    "year": "started_year",
    "language": "language",
}
WORD = re.compile(r"\w+", re.UNICODE)
# Up to this many matching pages are fetched as ids for the counts and facets; more are
# left as a subquery (query parameters are limited).
MAX_MATCHED_IDS = 20_000


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


def _filter_q(name, values):
    if name == "prize_winning":
        # Like the engine's term filter: the first value decides.
        winners = winning_practice_filter()
        return winners if values[0] == "true" else ~winners
    if name == "organisation":
        return Q(organisations__slug__in=values)
    if name == "year":
        return Q(started_year__in=[int(v) for v in values])
    return Q(**{f"{FACET_PATHS[name]}__in": values})


def _ids(queryset):
    # Joins over M2M relations repeat rows; filter by id to count each page once.
    return queryset.values("pk")


def search(params, labels):
    base = _base(params.locale)
    for word in WORD.findall(params.q)[:10]:
        base = base.filter(_word_filter(word))
    if "organisation" in params.filters:
        base = base.filter(_filter_q("organisation", params.filters["organisation"]))
    # The text match is the slow part: run it once, not again in every count and facet.
    matched = list(base.values_list("pk", flat=True).distinct()[: MAX_MATCHED_IDS + 1])
    if len(matched) <= MAX_MATCHED_IDS:
        base = PracticePage.objects.filter(pk__in=matched)

    facet_filters = {n: _filter_q(n, params.filters[n]) for n in FACETS if n in params.filters}
    matching = base
    for condition in facet_filters.values():
        matching = matching.filter(pk__in=_ids(PracticePage.objects.filter(condition)))

    ordering = {
        "title": ("title", "pk"),
    }.get(params.sort, ("-first_published_on", "-pk"))
    count = matching.count()
    pages = list(
        matching.order_by(*ordering).only("pk", "title", "summary", "language", "url_path")[
            params.offset : params.offset + params.page_size
        ]
    )
    facets = _facets(base, facet_filters, params, labels) if params.facets else {}
    words = WORD.findall(params.q)
    return SearchResult(
        count=count,
        results=[_result(page, words) for page in pages],
        facets=facets,
        suggestion=None,
        backend="database",
        params=params,
    )


def _facets(base, facet_filters, params, labels):
    facets = {}
    for name in FACETS:
        scoped = base
        for other, condition in facet_filters.items():
            if other != name:
                scoped = scoped.filter(pk__in=_ids(PracticePage.objects.filter(condition)))
        selected = set(params.filters.get(name, ()))
        if name == "prize_winning":
            winners = scoped.filter(winning_practice_filter()).count()
            others = scoped.count() - winners
            rows = [(value, n) for value, n in (("true", winners), ("false", others)) if n]
        else:
            path = FACET_PATHS[name]
            rows = (
                PracticePage.objects.filter(pk__in=_ids(scoped))
                .exclude(**{f"{path}__isnull": True})
                .values_list(path)
                .annotate(n=Count("pk", distinct=True))
                .order_by()
            )
        facets[name] = sort_facet(
            name,
            [
                {
                    "value": str(value),
                    "label": labels(name, str(value)),
                    "count": n,
                    "selected": str(value) in selected,
                }
                for value, n in rows
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


def _result(page, words):
    path = page.get_url() or ""
    return {
        "page_id": page.pk,
        "title": page.title,
        "url": page.get_full_url() or path,
        "path": path,
        "language": page.language,
        "summary": page.summary,
        "title_html": _highlight(page.title, words) or escape(page.title),
        "highlight": _highlight(page.summary, words),
    }
