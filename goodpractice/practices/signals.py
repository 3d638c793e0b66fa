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
