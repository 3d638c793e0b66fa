"""PostgreSQL full-text search for the database fallback, in Finnish, Swedish and English.

Each practice's text is stored as a tsvector (FallbackDocument, GIN-indexed), analysed
with PostgreSQL's `finnish`, `swedish` or `english` configuration by the language it is
written in; theme and target-group names go in with every language's own configuration,
so a Swedish query finds a Finnish practice by its theme as the engine does. Aliases (a
practice's copy in another language's site) share their original's document.

Documents are written when a page is published and deleted with the page
(search/signals.py); searches join them to live pages, so a document left behind is never
shown. Only on PostgreSQL: elsewhere `available()` is
false and the fallback matches words with icontains.
"""

import re

from django.db import connection

from goodpractice.practices.models import PracticeKeyword, PracticePage, TargetGroup, Theme

from .indexing import BODY_FIELDS
from .models import FallbackDocument
from .queries import MARK_CLOSE, MARK_OPEN

CONFIGS = {"fi": "finnish", "sv": "swedish", "en": "english"}
# Weights: title A, summary and taxonomy B, body C (ts_rank's defaults weight them
# 1.0, 0.4, 0.2).
RANK_WEIGHTS = [0.1, 0.2, 0.4, 1.0]
# Bounds a query's size (the engine's fallback took at most ten words too).
MAX_WORDS = 10
WORD = re.compile(r"\w+", re.UNICODE)
_LANGUAGE_CASES = " ".join(f"WHEN '{code}' THEN '{name}'" for code, name in CONFIGS.items())
# Shorter words match whole words only, not every word they begin.
MIN_PREFIX = 3


def available():
    return connection.vendor == "postgresql"


def _column(model, name):
    return model._meta.get_field(name).column


def _terms_sql(model, through, key):
    return (
        f"SELECT t.name_fi, t.name_sv, t.name_en FROM {model._meta.db_table} t "
        f"JOIN {through._meta.db_table} m ON m.{key} = t.id "
        f"WHERE m.practicepage_id = p.page_ptr_id"
    )


def _refresh_sql():
    page = PracticePage._meta.db_table
    body = ", ".join(f"p.{_column(PracticePage, name)}" for name in BODY_FIELDS)
    themes = _terms_sql(Theme, PracticePage.themes.through, "theme_id")
    groups = _terms_sql(TargetGroup, PracticePage.target_groups.through, "targetgroup_id")
    keywords = PracticeKeyword._meta.db_table
    tag = PracticeKeyword._meta.get_field("tag").related_model._meta.db_table
    # PostgreSQL's parser skips HTML tags, so rich text goes in as it is stored.
    return f"""
        INSERT INTO {FallbackDocument._meta.db_table} (page_id, document)
        SELECT p.page_ptr_id,
            setweight(to_tsvector(c.cfg, coalesce(wp.title, '')), 'A')
            || setweight(to_tsvector(c.cfg, coalesce(p.summary, '')), 'B')
            || setweight(to_tsvector(c.cfg, coalesce(k.words, '')), 'B')
            || setweight(to_tsvector('finnish', coalesce(terms.fi, '')), 'B')
            || setweight(to_tsvector('swedish', coalesce(terms.sv, '')), 'B')
            || setweight(to_tsvector('english', coalesce(terms.en, '')), 'B')
            || setweight(to_tsvector(c.cfg, concat_ws(' ', {body})), 'C')
        FROM {page} p
        JOIN wagtailcore_page wp ON wp.id = p.page_ptr_id
        CROSS JOIN LATERAL (
            SELECT (CASE p.language {_LANGUAGE_CASES} ELSE 'simple' END)::regconfig
        ) AS c (cfg)
        CROSS JOIN LATERAL (
            SELECT string_agg(name_fi, ' '), string_agg(name_sv, ' '), string_agg(name_en, ' ')
            FROM ({themes} UNION ALL {groups}) AS names
        ) AS terms (fi, sv, en)
        CROSS JOIN LATERAL (
            SELECT string_agg(tag.name, ' ') FROM {keywords} pk
            JOIN {tag} tag ON tag.id = pk.tag_id WHERE pk.content_object_id = p.page_ptr_id
        ) AS k (words)
        WHERE wp.alias_of_id IS NULL {{where}}
        ON CONFLICT (page_id) DO UPDATE SET document = EXCLUDED.document
    """


def refresh(page_ids):
    """Rewrite the documents of these pages (aliases are skipped: they share the original's)."""
    if not available() or not page_ids:
        return
    with connection.cursor() as cursor:
        cursor.execute(_refresh_sql().format(where="AND p.page_ptr_id = ANY(%s)"), [list(page_ids)])


def forget(page_ids):
    """Delete the documents of these pages (the pages are gone)."""
    if not available() or not page_ids:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {FallbackDocument._meta.db_table} WHERE page_id = ANY(%s)",
            [list(page_ids)],
        )


def refresh_all():
    """Rewrite every practice's document (after bulk loads that bypass the signals)."""
    if not available():
        return 0
    with connection.cursor() as cursor:
        cursor.execute(_refresh_sql().format(where=""))
        return cursor.rowcount


def refresh_pages_with_term(term):
    """A theme or target group was renamed: its practices' documents hold the old name."""
    relation = PracticePage.themes if isinstance(term, Theme) else PracticePage.target_groups
    field = "theme_id" if isinstance(term, Theme) else "targetgroup_id"
    ids = relation.through.objects.filter(**{field: term.pk}).values_list(
        "practicepage_id", flat=True
    )
    refresh(list(ids))


def build_query(text):
    """A raw tsquery string matching the words of text in any of the three languages.

    Each word becomes (finnish stem | swedish stem | english stem | word as a prefix),
    and all words are required. A word that is a stop word in any of the languages is
    left out, since a document in that language has dropped it. None if no word is left.
    """
    words = [word.lower() for word in WORD.findall(text)][:MAX_WORDS]
    if not words:
        return None
    configs = list(CONFIGS.values())
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT w, c, array(SELECT unnest(tsvector_to_array(to_tsvector(c::regconfig, w))))"
            " FROM unnest(%s::text[]) WITH ORDINALITY AS words (w, n),"
            " unnest(%s::text[]) AS configs (c) ORDER BY n",
            [words, configs],
        )
        rows = cursor.fetchall()
    stems, finnish = {}, {}
    for word, config, lexemes in rows:
        stems.setdefault(word, []).append(lexemes)
        if config == "finnish":
            finnish[word] = lexemes
    clauses = []
    for word in dict.fromkeys(words):
        found = stems.get(word, [])
        if any(not lexemes for lexemes in found):
            continue  # a stop word in one of the languages
        alternatives = {f"'{lexeme}'" for lexemes in found for lexeme in lexemes}
        alternatives |= {f"'{stem}':*" for stem in _finnish_stem_prefixes(finnish.get(word, []))}
        if len(word) >= MIN_PREFIX and "_" not in word:
            alternatives.add(f"'{word}':*")  # a word being typed, or a compound's start
        clauses.append("(" + " | ".join(sorted(alternatives)) + ")")
    return " & ".join(clauses) or None


def _finnish_stem_prefixes(lexemes):
    """The Finnish stems without their last letters, to be matched as prefixes.

    Snowball leaves the stem of many inflected forms different from its base form's
    (masennus / masennuks, sijaishuolto / sijaishuolo, vanhemmuus / vanhemmud): a shorter
    prefix joins them, at the price of some looser matches ranked with the rest.
    """
    for lexeme in lexemes:
        if len(lexeme) >= 6:
            yield lexeme[: len(lexeme) - (1 if len(lexeme) < 8 else 2)]


def headlines(pages, text):
    """{page id: (title, summary)} with the matched words between the highlight markers.

    The summary is empty when none of its words matched (as the engine leaves it).
    """
    raw = build_query(text)
    if raw is None or not pages:
        return {}
    options = f"StartSel={MARK_OPEN}, StopSel={MARK_CLOSE}, HighlightAll=true"
    snippet = f"StartSel={MARK_OPEN}, StopSel={MARK_CLOSE}, MaxWords=35, MinWords=15"
    with connection.cursor() as cursor:
        cursor.execute(
            f"""
            SELECT p.page_ptr_id,
                ts_headline(c.cfg, wp.title, q.q, %s),
                CASE WHEN to_tsvector(c.cfg, p.summary) @@ q.q
                    THEN ts_headline(c.cfg, p.summary, q.q, %s) ELSE '' END
            FROM {PracticePage._meta.db_table} p
            JOIN wagtailcore_page wp ON wp.id = p.page_ptr_id
            CROSS JOIN to_tsquery('simple', %s) AS q (q)
            CROSS JOIN LATERAL (
                SELECT (CASE p.language {_LANGUAGE_CASES} ELSE 'simple' END)::regconfig
            ) AS c (cfg)
            WHERE p.page_ptr_id = ANY(%s)
            """,
            [options, snippet, raw, [page.pk for page in pages]],
        )
        return {page_id: (title, summary) for page_id, title, summary in cursor.fetchall()}
