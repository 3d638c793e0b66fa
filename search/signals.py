"""Page lifecycle signals → pending index updates → a background task."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished, post_page_move

from goodpractice.awards.signals import prize_winners_changed
from goodpractice.practices.models import PracticePage, TargetGroup, Theme

from . import connection, fulltext


def _enqueue(page_ids, after_commit=False):
    if not connection.is_configured():
        return
    from .indexing import queue_pages
    from .tasks import update_index

    page_ids = sorted(set(page_ids))
    queue_pages(page_ids)
    if after_commit:
        transaction.on_commit(lambda: update_index.enqueue(page_ids))
    else:
        update_index.enqueue(page_ids)


@receiver(page_published, sender=PracticePage)
@receiver(page_unpublished, sender=PracticePage)
def practice_changed(sender, instance, **kwargs):
    _enqueue([instance.pk])


@receiver(page_published, sender=PracticePage)
def refresh_fallback_document(sender, instance, alias=False, **kwargs):
    # The database fallback's own full-text document; an alias shares its original's.
    if not alias and not instance.alias_of_id:
        fulltext.refresh([instance.pk])


@receiver(post_save, sender=Theme)
@receiver(post_save, sender=TargetGroup)
def taxonomy_renamed(sender, instance, created, **kwargs):
    if not created:
        fulltext.refresh_pages_with_term(instance)


@receiver(post_save, sender=PracticePage)
def alias_created(sender, instance, created, **kwargs):
    # Wagtail sends no page_published for a new alias (the copy of a practice in another
    # language's site), and its relations are copied after this save: send it once the
    # transaction is complete. Until then the pending row keeps it queued.
    if created and instance.alias_of_id:
        _enqueue([instance.pk], after_commit=True)


@receiver(post_delete, sender=PracticePage)
def practice_deleted(sender, instance, **kwargs):
    fulltext.forget([instance.pk])
    _enqueue([instance.pk])


@receiver(post_page_move)
def page_moved(sender, instance, **kwargs):
    # A move changes the URLs of the page and everything below it.
    ids = PracticePage.objects.descendant_of(instance, inclusive=True).values_list("pk", flat=True)
    _enqueue(list(ids))


@receiver(prize_winners_changed)
def reindex_prize_winners(sender, translation_keys, **kwargs):
    # The win shows in every language version's document.
    ids = PracticePage.objects.filter(translation_key__in=translation_keys).values_list(
        "pk", flat=True
    )
    _enqueue(list(ids), after_commit=True)
