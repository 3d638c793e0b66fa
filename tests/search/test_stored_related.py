"""Related practices are the engine's more-like-this answer, stored by the indexing task."""

from goodpractice.practices.models import PracticePage
from search.models import RelatedPractices
from search.related import STORED
from search.service import engine_related_ids
from tests.factories import make_practice

from .conftest import refresh

DEAD_URL = "http://127.0.0.1:9"  # nothing listens there


def test_the_indexing_task_stores_the_engines_answer_and_the_page_shows_it(
    engine, client, settings
):
    older = make_practice(
        title="Perhekeskuksen kotikäynnit",
        summary="Perhekeskuksen perhetyöntekijä tekee kotikäyntejä lapsiperheisiin.",
        themes=("family-centre",),
    )
    newer = make_practice(
        title="Kotikäynnit lapsiperheisiin",
        summary="Perhetyöntekijä tekee kotikäyntejä lapsiperheisiin perhekeskuksesta.",
        themes=("school-support",),
    )
    make_practice(
        title="Koulutuki",
        summary="Sijoitettujen lasten koulunkäynnin tuki.",
        themes=("school-support",),
    )
    refresh(engine)
    page = PracticePage.objects.get(pk=older.pk)
    stored = RelatedPractices.objects.get(page_id=older.pk).ids
    # Published later, the newer practice still reached the older one's list.
    assert newer.pk in stored
    assert stored == engine_related_ids(page, STORED)

    # Without the engine the page still shows the engine's answer; the database fallback
    # would list only practices sharing a theme, and there are none.
    settings.SEARCH_URL = DEAD_URL
    assert "Kotikäynnit lapsiperheisiin" in client.get(older.url).content.decode()


def test_an_unpublished_practice_leaves_the_lists_that_named_it(engine, client):
    first = make_practice(title="Perhekeskus Lumo", summary="Perhekeskus ja neuvola yhdessä.")
    second = make_practice(title="Perhekeskus Tuikku", summary="Perhekeskus ja neuvola yhdessä.")
    refresh(engine)
    assert second.pk in RelatedPractices.objects.get(page_id=first.pk).ids
    PracticePage.objects.get(pk=second.pk).unpublish()
    refresh(engine)
    assert "Perhekeskus Tuikku" not in client.get(first.url).content.decode()
