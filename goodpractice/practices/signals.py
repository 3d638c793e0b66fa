from django.db.models.signals import pre_delete
from django.dispatch import receiver
from wagtail.models import Page
from wagtail.signals import page_published

from .models import PracticePage
from .review import set_reviewed


@receiver(pre_delete, sender=PracticePage)
def delete_aliases_with_original(sender, instance, **kwargs):
    # Wagtail would keep aliases as orphaned copies; a deleted practice must vanish from
    # every language's site.
    if not instance.alias_of_id:
        for alias in Page.objects.filter(alias_of=instance):
            alias.delete()


@receiver(page_published, sender=PracticePage)
def publication_counts_as_review(sender, instance, **kwargs):
    # Publishing means an editor approved this version (contributors cannot publish).
    # Aliases, published along with their original, were updated with it.
    if not instance.alias_of_id:
        set_reviewed(instance)


def _catalogue_changed(**kwargs):
    from .summary import mark_stale

    mark_stale()


def _relations_changed(sender, action, **kwargs):
    if action.startswith("post_"):
        _catalogue_changed()


def connect_summary_signals():
    """Counts per theme, region and organisation are recounted after any change that can
    move them (practices/summary.py)."""
    from django.db.models.signals import m2m_changed, post_delete, post_save
    from wagtail.signals import page_unpublished, post_page_move

    from goodpractice.organisations.models import Organisation

    from .models import Adoption

    for model in (PracticePage, Adoption, Organisation):
        post_save.connect(_catalogue_changed, sender=model, dispatch_uid=f"summary_save_{model}")
        post_delete.connect(_catalogue_changed, sender=model, dispatch_uid=f"summary_del_{model}")
    for through in (PracticePage.themes.through, PracticePage.organisations.through):
        m2m_changed.connect(_relations_changed, sender=through, dispatch_uid=f"summary_{through}")
    for signal in (page_unpublished, post_page_move):
        signal.connect(_catalogue_changed, dispatch_uid=f"summary_page_{id(signal)}")


connect_summary_signals()
