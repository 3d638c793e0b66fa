"""Related practices, stored: the engine's more-like-this answer, asked once per change.

Asking the engine on every view of a practice page costs more the bigger the index is,
so the answer (page ids, best first) is kept in RelatedPractices: the indexing task fills
it for the pages it has just indexed and for the pages they turned out to be like (whose
lists may now name them), and a page viewed before that asks the engine once.
Titles and summaries are read from the database at render time, so they are always the
published ones, and a related page that is no longer published is left out; its removal
from the index forgets every list that named it, so those lists are asked again.
"""

from django.db import IntegrityError, transaction

from goodpractice.practices.models import PracticePage

from .models import RelatedPractices

STORED = 6  # more than any page shows, so that an unpublished one can be left out
EAGER_LIMIT = 60  # pages per index update whose lists are recomputed at once


def store(page_id, ids):
    try:
        with transaction.atomic():
            RelatedPractices.objects.update_or_create(
                page_id=page_id, defaults={"related": RelatedPractices.encode(ids)}
            )
    except IntegrityError:  # another process stored it at the same moment
        pass


def refresh(page_ids):
    """Recompute the lists of these pages (the indexing task, after the engine took them),
    and of the pages they are now like, whose lists may now name them.

    Returns the ids of the pages whose stored list changed.
    """
    page_ids = set(page_ids)
    live = set(
        PracticePage.objects.live().public().filter(pk__in=page_ids).values_list("pk", flat=True)
    )
    changed = set(forget_lists_naming(page_ids - live)) | page_ids
    RelatedPractices.objects.filter(page_id__in=page_ids).delete()
    if len(page_ids) > EAGER_LIMIT:
        return changed  # a bulk change: the pages ask when viewed
    neighbours = set()
    for ids in _compute(live).values():
        neighbours.update(ids)
    neighbours -= page_ids
    _compute(neighbours)
    return changed | neighbours


def _compute(page_ids):
    """Ask the engine for these pages' lists and store them: {page id: ids}."""
    from .service import engine_related_ids

    answers = {}
    pages = PracticePage.objects.live().public().filter(pk__in=page_ids)
    for page in pages.select_related("locale").prefetch_related("themes"):
        ids = engine_related_ids(page, STORED)
        if ids is not None:
            store(page.pk, ids)
            answers[page.pk] = ids
    return answers


def forget_lists_naming(page_ids):
    """Drop the stored lists that name any of these pages; returns the pages they were for."""
    if not page_ids:
        return []
    naming = RelatedPractices.objects.none()
    for page_id in page_ids:
        naming = naming | RelatedPractices.objects.filter(related__contains=f",{page_id},")
    owners = list(naming.values_list("page_id", flat=True))
    RelatedPractices.objects.filter(page_id__in=owners).delete()
    return owners


def pages_listing(translation_key):
    """Ids of the pages whose stored list names a version of this practice."""
    ids = PracticePage.objects.filter(translation_key=translation_key).values_list("pk", flat=True)
    naming = RelatedPractices.objects.none()
    for page_id in ids:
        naming = naming | RelatedPractices.objects.filter(related__contains=f",{page_id},")
    return list(naming.values_list("page_id", flat=True))


def related_ids(page):
    """The stored list of the page, asking the engine (and storing) when there is none.

    None when there is no list and the engine can't answer.
    """
    from .service import engine_related_ids

    stored = RelatedPractices.objects.filter(page_id=page.pk).first()
    if stored is not None:
        return stored.ids
    ids = engine_related_ids(page, STORED)
    if ids is not None and page.live:
        store(page.pk, ids)
    return ids


def as_results(ids, size):
    """[{page_id, title, url, path, summary, language}] of the published pages, in order."""
    pages = {
        page.pk: page
        for page in PracticePage.objects.live()
        .public()
        .filter(pk__in=ids)
        .only("title", "url_path", "summary", "language", "locale_id", "path", "depth")
    }
    results = []
    for page_id in ids:
        page = pages.get(page_id)
        if page is None:
            continue
        url = page.get_url()
        results.append(
            {
                "page_id": page.pk,
                "title": page.title,
                "url": url,
                "path": url,
                "summary": page.summary,
                "language": page.language,
            }
        )
        if len(results) == size:
            break
    return results
