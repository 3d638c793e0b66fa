"""Query-time synonyms from the thesaurus (practices.ThesaurusConcept), in fi, sv and en.

A query's words are matched against every term of every concept (longest first; Finnish
words by their base forms, so "lastensuojelun" names the concept "lastensuojelu"), and
search.queries lets a practice match any term of a concept it names. The compiled table
lives in the process and is rebuilt when an editor saves a concept (a version number in
the cache tells every process), so changes apply without a reindex.
"""

import time
import uuid

from django.core.cache import cache
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from goodpractice.practices.models import ThesaurusConcept

from . import finnish

VERSION_KEY = "search:thesaurus-version"
# Other processes look at the version in the cache at most this often (seconds), so a
# search does not pay a cache (database) query each time.
RECHECK_SECONDS = 2.0
_compiled = {"version": None, "table": {}, "longest": 0, "checked": 0.0}


def normal_forms(word):
    """The forms a word may take in a term: itself and its Finnish base forms."""
    word = word.lower()
    return {word, *finnish.forms(word)[0]}


def _compile():
    table = {}
    for concept in ThesaurusConcept.objects.all():
        terms = concept.terms_by_language()
        for _lang, term in terms:
            words = finnish.words(term)
            if words:
                table.setdefault(len(words), []).append(
                    ([normal_forms(word) for word in words], concept.slug, terms)
                )
    return table


def _table():
    now = time.monotonic()
    if _compiled["version"] is not None and now - _compiled["checked"] < RECHECK_SECONDS:
        return _compiled
    _compiled["checked"] = now
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        cache.set(VERSION_KEY, version, None)
    if _compiled["version"] != version:
        table = _compile()
        _compiled.update(version=version, table=table, longest=max(table, default=0))
    return _compiled


def _matches(forms, words):
    return all(wanted & given for wanted, given in zip(forms, words, strict=True))


def find_concepts(words):
    """[(start, end, [(language, term)])] for the spans of query words naming a concept.

    Spans do not overlap; the longest term wins where several start at the same word.
    """
    compiled = _table()
    given = [normal_forms(word) for word in words]
    found, start = [], 0
    while start < len(words):
        match = None
        for length in range(min(compiled["longest"], len(words) - start), 0, -1):
            span = given[start : start + length]
            for forms, _slug, terms in compiled["table"].get(length, ()):
                if _matches(forms, span):
                    match = (start, start + length, terms)
                    break
            if match:
                break
        if match:
            found.append(match)
            start = match[1]
        else:
            start += 1
    return found


def invalidate():
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)
    _compiled["version"] = None  # this process rebuilds at once


@receiver(post_save, sender=ThesaurusConcept)
@receiver(post_delete, sender=ThesaurusConcept)
def _changed(**kwargs):
    invalidate()
