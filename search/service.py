"""What views call: search, autocomplete and related practices, engine first.

Whenever SEARCH_URL is empty, the engine failed a moment ago, or it errors or times out
now, the answer comes from the database instead (SearchResult.backend says which).
"""

import logging

from . import connection, fallback, finnish
from .connection import EngineError
from .documents import alias_name
from .indexing import catch_up_if_due
from .labels import labeller
from .queries import (
    build_autocomplete,
    build_related,
    build_search,
    build_word_counts,
    query_units,
    read_search,
    read_suggestion,
    read_word_counts,
)

logger = logging.getLogger(__name__)


def _engine():
    """The engine if it is configured and not known to be down, else None."""
    if not connection.is_configured() or connection.recently_down():
        return None
    return connection.get_engine()


def _failed(exc):
    logger.warning("Search engine unavailable, answering from the database: %s", exc)
    connection.mark_down()


def search(params, language=None):
    labels = labeller(language or params.locale)
    engine = _engine()
    if engine is not None:
        try:
            catch_up_if_due()
            return _engine_search(engine, params, labels)
        except EngineError as exc:
            _failed(exc)
    return fallback.search(params, labels)


def _run(engine, params, labels, **query):
    body = build_search(params, **query).to_dict()
    return read_search(engine.search(alias_name(), body), params, labels)


def _engine_search(engine, params, labels):
    """All the words first; if that finds nothing, no dead end: a misspelt word is
    corrected at once when the correction finds something, otherwise the practices that
    match most of the words are shown, naming the words nothing matched."""
    result = _run(engine, params, labels)
    if result.count or not params.q or not params.suggest:
        return result
    units = query_units(params.q)
    response = engine.search(alias_name(), build_word_counts(params, units).to_dict())
    counts = read_word_counts(response, units)
    missing = [unit.text for unit, count in zip(units, counts, strict=True) if not count]
    # Only words no practice has are corrected: "skola" is never turned into "skala".
    corrected = read_suggestion(response, params.q, finnish.words(" ".join(missing)))
    if corrected and params.correct:
        fixed = _run(engine, params, labels, q=corrected)
        if fixed.count:
            fixed.corrected_query = corrected
            return fixed
    if len(units) > 1 and len(missing) < len(units):
        relaxed = _run(engine, params, labels, relaxed=True)
        relaxed.relaxed, relaxed.words_not_found = True, missing
        return relaxed
    return result


def autocomplete(q, locale, size=8):
    """[{title, url}] of titles starting with the words typed so far."""
    q = (q or "").strip()[:100]
    if not q:
        return []
    engine = _engine()
    if engine is not None:
        try:
            catch_up_if_due()
            body = build_autocomplete(q, locale, size).to_dict()
            response = engine.search(alias_name(), body)
            return [
                {"title": hit["_source"]["title"], "url": hit["_source"].get("path", "")}
                for hit in response["hits"]["hits"]
            ]
        except EngineError as exc:
            _failed(exc)
    pages = fallback._base(locale).filter(title__istartswith=q).order_by("title")[:size]
    return [{"title": page.title, "url": page.get_url()} for page in pages]


def engine_related_ids(page, size):
    """Page ids of the practices the engine finds most like this one, or None."""
    engine = _engine()
    if engine is None:
        return None
    themes = [theme.slug for theme in page.themes.all()]
    try:
        catch_up_if_due()
        body = build_related(
            page.pk, alias_name(), page.locale.language_code, page.translation_key, themes, size
        ).to_dict()
        response = engine.search(alias_name(), body)
    except EngineError as exc:
        _failed(exc)
        return None
    return [hit["_source"]["page_id"] for hit in response["hits"]["hits"]]


def related_practices(page, size=4):
    """Practices like this one (more_like_this), in the page's locale.

    Returns dicts with title, url, summary: the engine's answer as stored after the page
    was indexed (search/related.py); from the database (practices sharing a theme, newest
    first) when there is none and the engine can't answer.
    """
    from .related import as_results, related_ids

    ids = related_ids(page) if page.pk else None
    if ids is not None:
        return as_results(ids, size)
    locale = page.locale.language_code
    themes = [theme.slug for theme in page.themes.all()]
    pages = (
        fallback._base(locale)
        .filter(themes__slug__in=themes)
        .exclude(translation_key=page.translation_key)
        .distinct()
        .order_by("-first_published_on", "-pk")[:size]
    )
    return [
        {
            "page_id": p.pk,
            "title": p.title,
            "url": p.get_url(),
            "path": p.get_url(),
            "summary": p.summary,
            "language": p.language,
        }
        for p in pages
    ]
