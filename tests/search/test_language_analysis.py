"""Finnish base forms and compound parts (Voikko) and Swedish inflections and compounds,
on the real OpenSearch engine: each pair of the issue matches in both directions."""

import pytest
from django.http import QueryDict

from search import finnish, service
from search.queries import SearchParams
from tests.factories import make_practice

from .conftest import refresh

pytestmark = pytest.mark.skipif(
    not finnish.available(), reason="Voikko (libvoikko1, voikko-fi) is not installed"
)

# Word forms that must find each other, in both directions: (one form, the other form).
FINNISH_PAIRS = [
    ("masentuneet äidit", "masentuneiden äitien"),
    ("koulunkäynnin tukeminen", "koulunkäynnin tukemiseksi"),
    ("uusien työntekijöiden perehdytys", "uudet työntekijät perehdytyksen"),
    ("synnytyksen jälkeinen masennus", "synnytyksen jälkeisen masennuksen"),
    ("lapsi", "lasten"),
    ("asunto", "asunnon"),
    ("väkivalta", "väkivallan"),
    ("sijaishuolto", "sijaishuollon"),
    ("vanhemmuus", "vanhemmuuden"),
    ("koulu", "koulussa"),
    ("lastensuojeluilmoitus", "lastensuojeluilmoitusten"),
]
SWEDISH_PAIRS = [
    ("säkerhetsplan", "Familjen gör upp säkerhetsplanen tillsammans"),
    ("föräldragrupp", "Föräldragrupperna träffas varje vecka"),
    ("grupp", "Föräldragrupp för nyblivna pappor"),
    ("boende", "Boendestöd för unga vuxna"),
    ("anmälan", "Snabb handläggning av varje barnskyddsanmälan"),
    ("skola", "Stöd i skolan för barn i vård utom hemmet"),
    ("placerade", "Barnet är placerat i en fosterfamilj"),
]


def _count(q, locale):
    params = SearchParams.from_query(QueryDict(f"q={q}"), locale)
    result = service.search(params)
    assert result.backend == "engine"
    # These are matches of every word, not relaxed partial matches.
    assert not result.relaxed and not result.corrected_query, (q, result)
    return result.count


def _other(language):
    make_practice(
        title={"fi": "Harrastustoiminta", "sv": "Fritidsverksamhet"}[language],
        summary={"fi": "Liikuntaa ja musiikkia.", "sv": "Idrott och musik."}[language],
        language=language,
        slug=f"other-{language}",
    )


@pytest.mark.parametrize(("one", "other"), FINNISH_PAIRS)
def test_finnish_forms_match_both_ways(engine, one, other):
    make_practice(title=f"Tietoa: {other} arjessa", slug="other-form")
    _other("fi")
    refresh(engine)
    assert _count(one, "fi") == 1


@pytest.mark.parametrize(("one", "other"), FINNISH_PAIRS)
def test_finnish_forms_match_the_other_way(engine, one, other):
    make_practice(title=f"Tietoa: {one} arjessa", slug="one-form")
    _other("fi")
    refresh(engine)
    assert _count(other, "fi") == 1


def test_a_compound_finds_its_parts_side_by_side(engine):
    make_practice(title="Tiimi työskentelee perheen kanssa", slug="tiimi")
    make_practice(title="Tiimi ja perhe", summary="Kuukauden työ.", slug="far")
    _other("fi")
    refresh(engine)

    params = SearchParams.from_query(QueryDict("q=tiimityö"), "fi")
    titles = [item["title"] for item in service.search(params).results]
    assert titles == ["Tiimi työskentelee perheen kanssa"]


def test_a_compound_in_the_text_has_the_query_words_as_parts(engine):
    make_practice(title="Uudet sosiaalityöntekijät saavat perehdytyksen", slug="uudet")
    _other("fi")
    refresh(engine)

    assert _count("uusien työntekijöiden perehdytys", "fi") == 1


@pytest.mark.parametrize(("query", "text"), SWEDISH_PAIRS)
def test_swedish_forms_and_compound_parts(engine, query, text):
    make_practice(title=text, language="sv", slug="sv-text")
    _other("sv")
    refresh(engine)

    assert _count(query, "sv") == 1


def test_swedish_definite_form_finds_indefinite(engine):
    make_practice(title="Alla får en säkerhetsplan", language="sv", slug="plan")
    make_practice(title="Skola och fritid", language="sv", slug="skola")
    _other("sv")
    refresh(engine)

    assert _count("säkerhetsplanen", "sv") == 1
    assert _count("skolan", "sv") == 1


def test_swedish_natural_queries_find_the_practices(engine):
    make_practice(
        title="Multiprofessionell hjälp hem",
        summary="Arbetstagare från missbruksvården och mentalvården hjälper unga och familjer.",
        language="sv",
        slug="missbruk",
    )
    make_practice(
        title="Skolstöd för barn i vård utom hemmet",
        summary="Placerade barn får stöd i skolan av en skolkurator.",
        language="sv",
        slug="skolstod",
    )
    _other("sv")
    refresh(engine)

    params = SearchParams.from_query(QueryDict("q=missbruk bland unga"), "sv")
    result = service.search(params)
    assert [item["title"] for item in result.results] == ["Multiprofessionell hjälp hem"]
    assert not result.relaxed
    params = SearchParams.from_query(QueryDict("q=placerade barn i skolan"), "sv")
    result = service.search(params)
    assert [item["title"] for item in result.results] == ["Skolstöd för barn i vård utom hemmet"]
