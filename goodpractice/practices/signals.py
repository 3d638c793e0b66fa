from django.db.models.signals import pre_delete
from django.dispatch import receiver
from wagtail.models import Page

from .models import PracticePage


@receiver(pre_delete, sender=PracticePage)
def delete_aliases_with_original(sender, instance, **kwargs):
    # Wagtail would keep aliases as orphaned copies; a deleted practice must vanish from
    # every language's site.
    if not instance.alias_of_id:
        for alias in Page.objects.filter(alias_of=instance):
            alias.delete()
