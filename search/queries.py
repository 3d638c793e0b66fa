"""Search requests built with elasticsearch-dsl, and their answers.

Request bodies are rendered with .to_dict() and sent through search.connection; the
same SearchParams also drive the database fallback (search.fallback), and both return
a SearchResult.
"""

import re
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import mark_safe
from elasticsearch_dsl import A, Q, Search

from goodpractice.i18n import CONTENT_LANGUAGES
from goodpractice.organisations.models import region_code

from . import finnish, thesaurus
from .documents import EXTRA_FILTERS, FACETS, LANGUAGES, TEXT_BOOSTS, TEXT_FIELDS, profile

FILTERS = FACETS + EXTRA_FILTERS
SORTS = ("relevance", "newest", "title")
MAX_PAGE_SIZE = 100
MAX_WINDOW = 10_000
# Terms buckets per facet: enough for every value (309 municipalities).
FACET_SIZES = {"municipality": 400, "county": 30, "year": 100}
# Highlight markers no text contains: the text is escaped first, then they become <mark>.
MARK_OPEN, MARK_CLOSE = "\ue000", "\ue001"
RESULT_SOURCE = ["title", "summary", "url", "path", "language", "locale", "page_id"]
TRUE_VALUES = {"true", "1", "yes", "on"}
# ?exact=1: search the words as typed, without applying a spelling correction.
EXACT_PARAMETER = "exact"


@dataclass
class SearchParams:
    q: str = ""
    locale: str = "fi"
    filters: dict = field(default_factory=dict)  # name -> [values]
    sort: str = "relevance"
    page: int = 1
    page_size: int = 10
    facets: bool = True
    suggest: bool = True
    # False when the visitor asked for their own spelling ("search instead for ...").
    correct: bool = True

    @classmethod
    def from_query(cls, data, locale, page_size=10):
        """From request.GET (a QueryDict): multi-valued filters, lenient parsing."""
        filters = {}
        for name in FILTERS:
            values = [v.strip() for v in data.getlist(name) if v and v.strip()]
            values = [normalise(name, v) for v in values]
            values = [v for v in values if v is not None]
            if values:
                filters[name] = sorted(set(values))
        sort = data.get("sort") if data.get("sort") in SORTS else "relevance"
        return cls(
            q=(data.get("q") or "").strip()[:200],
            locale=locale if locale in CONTENT_LANGUAGES else "fi",
            filters=filters,
            sort=sort,
            page=_positive_int(data.get("page"), 1),
            page_size=min(_positive_int(data.get("page_size"), page_size), MAX_PAGE_SIZE),
            correct=data.get(EXACT_PARAMETER) not in TRUE_VALUES,
        )

    @property
    def offset(self):
        # No engine pages past MAX_WINDOW, and a huge page number from a query string
        # must not reach the database as an OFFSET beyond its integers.
        return min((self.page - 1) * self.page_size, MAX_WINDOW)


def normalise(name, value):
    if name == "county":
        return region_code(value)
    if name == "municipality":
        return value.upper()
    if name == "year":
        return value if value.isdigit() and len(value) == 4 else None
    if name == "prize_winning":
        return "true" if value.lower() in TRUE_VALUES else "false"
    return value


def _positive_int(value, default):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return number if number > 0 else default


@dataclass
class SearchResult:
    count: int
    results: list  # dicts: title, url, path, language, summary, highlight, page_id
    facets: dict  # name -> [{value, label, count, selected}]
    suggestion: str | None
    backend: str  # "engine" or "database"
    params: SearchParams | None = None
    # The query whose results these are, when a spelling correction was applied to
    # params.q because params.q found nothing.
    corrected_query: str | None = None
    # No document had every word: these are the documents that match most of them,
    # and the words no document (within the filters) has.
    relaxed: bool = False
    words_not_found: list = field(default_factory=list)

    @property
    def num_pages(self):
        if not self.params or not self.count:
            return 1
        return max(1, -(-min(self.count, MAX_WINDOW) // self.params.page_size))


def mark(text):
    """Escape text from the engine and turn our markers into <mark> tags."""
    escaped = escape(text)
    return mark_safe(escaped.replace(MARK_OPEN, "<mark>").replace(MARK_CLOSE, "</mark>"))


# Query building


def _text_fields(languages=LANGUAGES):
    fields = [f"{n}_{lang}^{TEXT_BOOSTS[n]}" for n in TEXT_FIELDS for lang in languages]
    fields += [f"taxonomy.{lang}^2" for lang in languages]
    if languages != LANGUAGES:
        # A thesaurus term of one language: only the texts of that language.
        return fields
    return fields + ["taxonomy^2", "keywords_text^2", "organisations_text"]


# Query syntax for those who want it: quotes, -, |, parentheses, * (simple_query_string).
SYNTAX = re.compile(r'["|()*~]|(?:^|\s)[-+]\S')
# Function words a visitor types in a natural query that a practice need not contain
# ("missbruk bland unga", "aftercare for young people"): dropped from multi-word queries.
QUERY_STOP_WORDS = frozenset(
    " ".join(
        [
            "ja tai sekä myös kuin että on ovat oli kanssa varten eri",
            "och eller samt bland hos för med av till om på som att en ett den det de är i",
            "and or the a an of for to in on at by with among from about",
        ]
    ).split()
)
# How far apart the parts of a Finnish compound may be in the text ("tiimi työskentelee").
PART_SLOP = 2


@dataclass
class Unit:
    """One thing the query asks for: a word, or a thesaurus concept named by some words."""

    text: str
    clause: object


def _ngram_fields():
    return [f"{n}_{lang}.ngram" for n in TEXT_FIELDS for lang in LANGUAGES]


def _syntax_query(q, prof):
    # Every word must match in some field, each field analysed its own way;
    # simple_query_string never raises on bad syntax.
    main = Q(
        "simple_query_string",
        query=q,
        fields=_text_fields(),
        default_operator="and",
        flags="AND|OR|NOT|PHRASE|PRECEDENCE|WHITESPACE|ESCAPE",
    )
    if not prof.has_ngram:
        return main
    parts = Q("multi_match", query=q, type="phrase", fields=_ngram_fields(), boost=0.2)
    return Q("bool", should=[main, parts], minimum_should_match=1)


def _span_part(field, part, last):
    if last and len(part) >= finnish.MIN_PART:
        # The last part may start a longer word: "tiimityö" ~ "tiimi työskentelee".
        prefix = {"value": part, "rewrite": "top_terms_50"}
        return {"span_multi": {"match": {"prefix": {field: prefix}}}}
    return {"span_term": {field: part}}


def _base_clauses(word):
    """Voikko: the word's base forms, or its compound parts next to each other."""
    bases, compounds = finnish.forms(word)
    if not bases:
        return []
    clauses = [
        Q("match", base_title={"query": " ".join(bases), "boost": 4}),
        Q("match", base_text={"query": " ".join(bases)}),
    ]
    for parts in compounds:
        # Titles are in base_text too (see indexing): one span query is enough.
        spans = [_span_part("base_text", p, i == len(parts) - 1) for i, p in enumerate(parts)]
        clauses.append(Q("span_near", clauses=spans, slop=PART_SLOP, in_order=True, boost=0.5))
    return clauses


def word_clause(word, prof, ngram=True, languages=LANGUAGES):
    """A document has the word: in a language field (stemmed), as a base form or compound
    parts (Finnish, Voikko), or inside a longer word (n-grams)."""
    fields = _text_fields(languages)
    should = [Q("multi_match", query=word, fields=fields, operator="and")]
    if ngram and prof.has_ngram and len(word) >= 4:
        # A phrase of trigrams is a substring: "ilmoitus" inside "lastensuojeluilmoitusten".
        # Trigrams as a bag of words would match any long text that has them scattered.
        should.append(
            Q("multi_match", query=word, type="phrase", fields=_ngram_fields(), boost=0.2)
        )
    if prof.morphology and "fi" in languages:
        should += _base_clauses(word)
    return should[0] if len(should) == 1 else Q("bool", should=should, minimum_should_match=1)


def _term_clause(term, lang, prof):
    words = finnish.words(term)
    if len(words) == 1:
        return word_clause(words[0], prof, ngram=False, languages=(lang,))
    fields = _text_fields((lang,))
    should = [Q("multi_match", query=term, type="phrase", slop=2, fields=fields)]
    if lang == "fi" and prof.morphology and finnish.available():
        bases = [(finnish.forms(w)[0] or (w.lower(),))[0] for w in words]
        should.append(Q("match_phrase", base_text={"query": " ".join(bases), "slop": 2}))
    return Q("bool", should=should, minimum_should_match=1)


def _concept_clause(words, terms, prof):
    # The words as typed score highest; the concept's other terms (other languages,
    # synonyms) find the rest.
    typed = [word_clause(word, prof) for word in words]
    should = [typed[0] if len(typed) == 1 else Q("bool", must=typed)]
    typed_text = " ".join(words).lower()
    should += [
        Q("bool", must=[_term_clause(term, lang, prof)], boost=0.5)
        for lang, term in terms
        if term.lower() != typed_text
    ]
    return Q("bool", should=should, minimum_should_match=1)


def query_words(q):
    words = finnish.words(q)
    content = [word for word in words if word.lower() not in QUERY_STOP_WORDS]
    return content or words


def query_units(q, prof=None):
    """The query as the things it asks for, each a clause a document must match."""
    prof = prof or profile()
    if SYNTAX.search(q):
        return [Unit(q, _syntax_query(q, prof))]
    words = query_words(q)
    concepts = {start: (end, terms) for start, end, terms in thesaurus.find_concepts(words)}
    if not prof.morphology:
        concepts = {}
    units, position = [], 0
    while position < len(words):
        if position in concepts:
            end, terms = concepts[position]
            span = words[position:end]
            units.append(Unit(" ".join(span), _concept_clause(span, terms, prof)))
            position = end
        else:
            word = words[position]
            units.append(Unit(word, word_clause(word, prof)))
            position += 1
    return units


def text_query(q, prof=None, relaxed=False):
    """Every unit of the query must match, or (relaxed) as many as possible."""
    units = query_units(q, prof)
    if len(units) == 1:
        return units[0].clause
    clauses = [unit.clause for unit in units]
    if relaxed:
        return Q("bool", should=clauses, minimum_should_match=1)
    return Q("bool", must=clauses)


def filter_query(name, values):
    if name == "prize_winning":
        return Q("term", prize_winning=values[0] == "true")
    if name == "year":
        return Q("terms", year=[int(v) for v in values])
    return Q("terms", **{name: list(values)})


def _sort(params):
    newest = [{"published": {"order": "desc", "missing": "_last"}}, {"page_id": "desc"}]
    if params.sort == "title":
        return [{"title_sort": "asc"}, {"page_id": "asc"}]
    if params.sort == "newest" or not params.q:
        return newest
    return ["_score", *newest]


def _filters(params):
    """(filters of the whole search, facet filters by name)."""
    base = [Q("term", locale=params.locale)]
    base += [filter_query(n, params.filters[n]) for n in EXTRA_FILTERS if n in params.filters]
    facets = {n: filter_query(n, params.filters[n]) for n in FACETS if n in params.filters}
    return base, facets


# Practices written in the visitor's language rank above equally good matches in another
# one: a Swedish query that the thesaurus also finds in Finnish texts shows the Swedish
# practice first. A factor, not a sum, so that it never outweighs a much better match.
# Not on the English site: few practices are written in English, and its visitors come
# for the Finnish and Swedish ones.
SAME_LANGUAGE_WEIGHT = 2.0
PREFERRED_LANGUAGES = ("fi", "sv")


def _prefer_visitor_language(query, locale):
    return Q(
        "function_score",
        query=query,
        functions=[{"filter": {"term": {"language": locale}}, "weight": SAME_LANGUAGE_WEIGHT}],
        score_mode="multiply",
        boost_mode="multiply",
    )


def build_search(params, index=None, q=None, relaxed=False):
    """The search for params; q replaces params.q (a corrected query), relaxed asks for
    the documents matching most of the query's words instead of all."""
    prof = profile()
    q = params.q if q is None else q
    base_filters, facet_filters = _filters(params)
    must = [text_query(q, prof, relaxed)] if q else []
    query = Q("bool", must=must, filter=base_filters)
    if q and params.locale in PREFERRED_LANGUAGES:
        query = _prefer_visitor_language(query, params.locale)
    search = Search(index=index).query(query)

    if facet_filters:
        search = search.post_filter(Q("bool", filter=list(facet_filters.values())))
    if params.facets:
        for name in FACETS:
            # Each facet counts with every other facet's filter applied, not its own.
            others = [q for n, q in facet_filters.items() if n != name]
            bucket = A("filter", Q("bool", filter=others) if others else Q("match_all"))
            bucket.bucket("values", "terms", field=name, size=FACET_SIZES.get(name, 50))
            search.aggs.bucket(name, bucket)

    offset = min(params.offset, MAX_WINDOW - params.page_size)
    search = search.extra(
        from_=max(offset, 0), size=params.page_size, track_total_hits=True
    ).source(RESULT_SOURCE)
    search = search.sort(*_sort(params))
    if q:
        highlighted = [f"{n}_{lang}" for n in TEXT_FIELDS for lang in LANGUAGES]
        if prof.has_ngram:
            # Word parts matched only by n-grams are marked in titles and summaries.
            highlighted += [f"{name}.ngram" for name in highlighted if not name.startswith("body")]
        search = search.highlight_options(
            pre_tags=[MARK_OPEN], post_tags=[MARK_CLOSE], fragment_size=160
        )
        for name in highlighted:
            whole = name.startswith(("title_", "summary_"))
            search = search.highlight(name, number_of_fragments=0 if whole else 2)
    return search


def build_word_counts(params, units):
    """How many documents (within the filters) match each unit, and spelling options.

    Asked only when the whole query found nothing: the words that match nothing are
    named to the visitor, and only they are spell-corrected.
    """
    base_filters, facet_filters = _filters(params)
    search = Search().query(Q("bool", filter=base_filters + list(facet_filters.values())))
    search.aggs.bucket(
        "units", "filters", filters={str(i): unit.clause for i, unit in enumerate(units)}
    )
    search = search.suggest(
        "spelling",
        params.q,
        term={"field": "spell", "suggest_mode": "missing", "min_word_length": 4},
    )
    return search.extra(size=0, track_total_hits=False)


def read_word_counts(response, units):
    buckets = (response.get("aggregations") or {}).get("units", {}).get("buckets", {})
    return [buckets.get(str(i), {}).get("doc_count", 0) for i in range(len(units))]


def build_autocomplete(q, locale, size=8):
    prof = profile()
    if prof.autocomplete is not None:
        match = Q("match", title_complete={"query": q, "operator": "and"})
    else:
        match = Q("match_bool_prefix", title_complete={"query": q, "operator": "and"})
    return (
        Search()
        .query(Q("bool", must=[match], filter=[Q("term", locale=locale)]))
        .source(["title", "url", "path"])
        .extra(size=size)
    )


def build_related(document_id, index, locale, translation_key, themes=(), size=4):
    fields = [f"{n}_{lang}" for n in TEXT_FIELDS for lang in LANGUAGES] + ["taxonomy"]
    like = Q(
        "more_like_this",
        fields=fields,
        like=[{"_index": index, "_id": str(document_id)}],
        min_term_freq=1,
        min_doc_freq=1,
        max_query_terms=30,
        minimum_should_match="10%",
    )
    should = [like]
    if themes:
        # Sharing a theme counts too, so short texts still find their neighbours.
        should.append(Q("terms", theme=list(themes), boost=0.5))
    return (
        Search()
        .query(
            Q(
                "bool",
                should=should,
                minimum_should_match=1,
                filter=[Q("term", locale=locale)],
                must_not=[Q("term", translation_key=str(translation_key))],
            )
        )
        .source(RESULT_SOURCE)
        .extra(size=size)
    )


# Reading answers


def _highlight(hit):
    found = hit.get("highlight") or {}
    best = {}
    for name in TEXT_FIELDS:
        for lang in LANGUAGES:
            exact = found.get(f"{name}_{lang}") or found.get(f"{name}_{lang}.ngram")
            if exact:
                best[name] = " … ".join(exact)
                break
    return best


def read_hit(hit):
    source = hit.get("_source", {})
    highlight = _highlight(hit)
    return {
        "page_id": source.get("page_id"),
        "title": source.get("title", ""),
        "url": source.get("url", ""),
        "path": source.get("path", ""),
        "language": source.get("language", ""),
        "summary": source.get("summary", ""),
        "title_html": mark(highlight.get("title", source.get("title", ""))),
        "highlight": mark(highlight.get("body") or highlight.get("summary") or "")
        if highlight
        else "",
    }


def read_suggestion(response, q, words=None):
    """The query with misspelt words replaced; only the words in `words` if given."""
    entries = (response.get("suggest") or {}).get("spelling") or []
    if not entries:
        return None
    corrected = q
    changed = False
    wanted = {word.lower() for word in words} if words is not None else None
    # Entries carry offsets into the original text; replace from the end.
    for entry in sorted(entries, key=lambda e: e["offset"], reverse=True):
        options = entry.get("options") or []
        if wanted is not None and entry.get("text", "").lower() not in wanted:
            continue
        if options:
            start, length = entry["offset"], entry["length"]
            corrected = corrected[:start] + options[0]["text"] + corrected[start + length :]
            changed = True
    return corrected if changed and corrected.lower() != q.lower() else None


def read_facets(response, params, labels):
    facets = {}
    aggregations = response.get("aggregations") or {}
    for name in FACETS:
        buckets = (aggregations.get(name) or {}).get("values", {}).get("buckets", [])
        selected = set(params.filters.get(name, ()))
        values = []
        for bucket in buckets:
            value = bucket.get("key_as_string", bucket["key"])
            value = str(value).lower() if name == "prize_winning" else str(value)
            values.append(
                {
                    "value": value,
                    "label": labels(name, value),
                    "count": bucket["doc_count"],
                    "selected": value in selected,
                }
            )
        facets[name] = sort_facet(name, values)
    return facets


def sort_facet(name, values):
    if name == "year":
        return sorted(values, key=lambda v: v["value"], reverse=True)
    if name in ("county", "municipality"):
        return sorted(values, key=lambda v: (-v["count"], str(v["label"])))
    return sorted(values, key=lambda v: -v["count"])


def read_search(response, params, labels):
    total = response["hits"]["total"]
    count = total["value"] if isinstance(total, dict) else total
    return SearchResult(
        count=count,
        results=[read_hit(hit) for hit in response["hits"]["hits"]],
        facets=read_facets(response, params, labels) if params.facets else {},
        suggestion=None,
        backend="engine",
        params=params,
    )
