"""The thesaurus: one concept's terms in Finnish, Swedish and English find each other's
practices on the real engine; editors' changes apply without a reindex."""

import pytest
from django.http import QueryDict

from goodpractice.practices.models import ThesaurusConcept
from goodpractice.practices.reference import load_thesaurus
from search import finnish, service
from search.queries import SearchParams
from tests.factories import make_practice

from .conftest import refresh

pytestmark = pytest.mark.skipif(not finnish.available(), reason="Voikko is not installed")


def _titles(query, locale):
    params = SearchParams.from_query(QueryDict(query), locale)
    result = service.search(params)
    assert result.backend == "engine" and not result.relaxed
    return sorted(item["title"] for item in result.results)


@pytest.fixture
def practices(engine):
    make_practice(title="Lastensuojelun avohuolto", summary="Tukea kotiin.", slug="ls")
    make_practice(title="Perhehoidon tuki", summary="Sijaisvanhemmille koulutusta.", slug="ph")
    make_practice(title="Perhetyö arjessa", summary="Apua kotona.", slug="pt")
    make_practice(title="Jälkihuollon tuki nuorille", summary="Asunto ja opiskelu.", slug="jh")
    make_practice(
        title="Familjearbete i skärgården", summary="Stöd hemma.", language="sv", slug="fa"
    )
    make_practice(title="Harrastustoiminta", summary="Liikuntaa.", slug="other")
    refresh(engine)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("child protection", ["Lastensuojelun avohuolto"]),
        ("foster care", ["Perhehoidon tuki"]),
        ("family work", ["Familjearbete i skärgården", "Perhetyö arjessa"]),
        ("aftercare for young people", ["Jälkihuollon tuki nuorille"]),
    ],
)
def test_english_queries_find_finnish_and_swedish_practices(practices, query, expected):
    assert _titles(f"q={query}", "en") == expected


def test_swedish_and_finnish_find_each_other(practices):
    assert _titles("q=barnskydd", "sv") == ["Lastensuojelun avohuolto"]
    assert _titles("q=familjevård", "sv") == ["Perhehoidon tuki"]
    assert _titles("q=perhetyön", "fi") == ["Familjearbete i skärgården", "Perhetyö arjessa"]


def test_an_editors_new_concept_applies_without_reindex(practices):
    assert _titles("q=kinship care", "en") == []
    ThesaurusConcept.objects.create(
        slug="kinship-care", terms_fi="perhehoito", terms_en="kinship care"
    )
    assert _titles("q=kinship care", "en") == ["Perhehoidon tuki"]
    ThesaurusConcept.objects.filter(slug="kinship-care").delete()
    assert _titles("q=kinship care", "en") == []


def test_glossary_loading_is_idempotent_and_keeps_editors_terms(db):
    ThesaurusConcept.objects.all().delete()
    assert load_thesaurus() == (43, 43)
    concept = ThesaurusConcept.objects.get(slug="family-work")
    assert concept.terms() == ["perhetyö", "familjearbete", "family work", "family support work"]
    concept.terms_en = "family work;home help"
    concept.save()
    assert load_thesaurus() == (0, 43)
    assert ThesaurusConcept.objects.count() == 43
    assert ThesaurusConcept.objects.get(slug="family-work").terms_en == "family work;home help"
