"""The practice index: settings, analyzers and mappings, defined once with elasticsearch-dsl.

Each practice's text goes into the fields of its own language (title_fi, summary_sv, ...)
so it is analysed with that language's stemmer; an n-gram subfield of each text field lets
parts of compound words match at a lower weight. Theme and target-group names go in all
three languages into `taxonomy`, so a Swedish query finds a Finnish practice by its theme.

Two analysis profiles:
- "language": Finnish, Swedish and English stemmers (needs the analysis-common module,
  which OpenSearch and full Elasticsearch distributions have);
- "standard": the built-in standard analyzer only, for clusters without that module
  (the Elasticsearch integration-test distribution). No stemming, n-grams or folding.
"""

from dataclasses import dataclass

from django.conf import settings
from elasticsearch_dsl import Index, Mapping, analyzer, token_filter, tokenizer
from elasticsearch_dsl.field import Boolean, Date, Integer, Keyword, Text

LANGUAGES = ("fi", "sv", "en")
TEXT_FIELDS = ("title", "summary", "body")
# Weights of the per-language text fields in the full-text query.
TEXT_BOOSTS = {"title": 4, "summary": 2, "body": 1}
FACETS = (
    "theme",
    "target_group",
    "county",
    "municipality",
    "evidence_level",
    "status",
    "year",
    "prize_winning",
    "language",
)
# Filters that are not shown as facets but narrow the result the same way.
EXTRA_FILTERS = ("organisation",)


@dataclass(frozen=True)
class Profile:
    name: str
    # analyzer per content language, and the language-neutral one
    text: dict
    folded: object
    ngram: object | None
    autocomplete: object | None

    @property
    def has_ngram(self):
        return self.ngram is not None


def _language_profile():
    folding = "asciifolding"
    stems = {
        "fi": [
            token_filter("fi_stop", "stop", stopwords="_finnish_"),
            token_filter("fi_stem", "stemmer", language="finnish"),
        ],
        "sv": [
            token_filter("sv_stop", "stop", stopwords="_swedish_"),
            token_filter("sv_stem", "stemmer", language="light_swedish"),
        ],
        "en": [
            token_filter("en_possessive", "stemmer", language="possessive_english"),
            token_filter("en_stop", "stop", stopwords="_english_"),
            token_filter("en_stem", "stemmer", language="english"),
        ],
    }
    # Folding comes after stemming: the Finnish and Swedish stemmers need ä, ö and å.
    text = {
        lang: analyzer(
            f"text_{lang}", tokenizer="standard", filter=["lowercase", *filters, folding]
        )
        for lang, filters in stems.items()
    }
    # Language-neutral fields drop the stop words of all three languages, so that a query
    # word like "ja" or "och" (removed by the language fields) is not required of them.
    all_stops = [stems["fi"][0], stems["sv"][0], stems["en"][1]]
    folded = analyzer("folded", tokenizer="standard", filter=["lowercase", *all_stops, folding])
    # Grams from a tokenizer get positions of their own, so a query can require most of
    # them (minimum_should_match) instead of treating them as synonyms.
    ngram = analyzer(
        "trigram",
        tokenizer=tokenizer(
            "trigrams", "ngram", min_gram=3, max_gram=3, token_chars=["letter", "digit"]
        ),
        filter=["lowercase", folding],
    )
    autocomplete = analyzer(
        "autocomplete",
        tokenizer="standard",
        filter=[
            "lowercase",
            folding,
            token_filter("prefixes", "edge_ngram", min_gram=1, max_gram=20),
        ],
    )
    return Profile("language", text, folded, ngram, autocomplete)


def _standard_profile():
    return Profile("standard", dict.fromkeys(LANGUAGES, "standard"), "standard", None, None)


def profile(name=None):
    name = name or getattr(settings, "SEARCH_ANALYSIS", "language")
    return _standard_profile() if name == "standard" else _language_profile()


def _text(analyzer_, prof, ngram=True, **kwargs):
    # Offsets in the postings let the highlighter skip re-analysing the text.
    kwargs.setdefault("index_options", "offsets")
    if ngram and prof.has_ngram:
        kwargs["fields"] = {"ngram": Text(analyzer=prof.ngram)}
    return Text(analyzer=analyzer_, **kwargs)


def mapping(prof):
    m = Mapping()
    m.meta("dynamic", "strict")
    for lang in LANGUAGES:
        for name in TEXT_FIELDS:
            m.field(f"{name}_{lang}", _text(prof.text[lang], prof, copy_to="spell"))
    # Theme and target-group names in every language, analysed by every language.
    m.field(
        "taxonomy",
        Text(
            analyzer=prof.folded,
            fields={lang: Text(analyzer=prof.text[lang]) for lang in LANGUAGES},
        ),
    )
    m.field("keywords_text", Text(analyzer=prof.folded))
    m.field("organisations_text", Text(analyzer=prof.folded))
    if prof.autocomplete is not None:
        m.field("title_complete", Text(analyzer=prof.autocomplete, search_analyzer=prof.folded))
    else:
        m.field("title_complete", Text(analyzer=prof.folded))
    # Unstemmed words of every text, for spelling suggestions.
    m.field("spell", Text(analyzer="standard"))

    for name in ("theme", "target_group", "county", "municipality", "organisation"):
        m.field(name, Keyword())
    m.field("evidence_level", Keyword())
    m.field("status", Keyword())
    m.field("year", Integer())
    m.field("prize_winning", Boolean())
    m.field("language", Keyword())
    m.field("locale", Keyword())
    m.field("translation_key", Keyword())
    m.field("page_id", Integer())
    m.field("title_sort", Keyword())
    m.field("published", Date())
    # Shown in results, never searched.
    m.field("title", Keyword(index=False, doc_values=False))
    m.field("summary", Keyword(index=False, doc_values=False))
    m.field("path", Keyword(index=False, doc_values=False))
    m.field("url", Keyword(index=False, doc_values=False))
    return m


def alias_name():
    return f"{settings.SEARCH_INDEX_PREFIX}practices"


def practice_index(name, analysis=None, with_alias=False):
    """The elasticsearch-dsl Index for a concrete index called name.

    Shards and replicas come from SEARCH_SHARDS and SEARCH_REPLICAS. Writes wait for the
    primary only (the engines' default, stated here so nobody raises it by accident): with a
    replica on a node that is down, publishing keeps working and the copy catches up when
    the node is back.
    """
    prof = profile(analysis)
    index = Index(name)
    index.settings(
        number_of_shards=settings.SEARCH_SHARDS,
        number_of_replicas=settings.SEARCH_REPLICAS,
        refresh_interval="1s",
        **{"write.wait_for_active_shards": "1"},
    )
    index.mapping(mapping(prof))
    if with_alias:
        index.aliases(**{alias_name(): {}})
    return index


def copies_to_wait_for(data_nodes):
    """How many copies of each shard index creation waits for: all of them when the cluster
    has a node for each (a three-node cluster, one replica), else the primary (one node)."""
    return max(1, min(settings.SEARCH_REPLICAS + 1, data_nodes))


def index_body(name, analysis=None, with_alias=False):
    """The JSON body that creates the index (settings, analysis, mappings, aliases)."""
    return practice_index(name, analysis, with_alias).to_dict()
