"""The moderation workflow's and its task's names, shown in each user's own language.

Wagtail stores one name per workflow and task and shows it as it is. The stored names
stay as the data migration created them (code finds the workflow by them); once loaded,
an instance carries a lazily translated name instead, so buttons ("Submit to ..."),
statuses, histories and e-mails render it in the language active at that moment. Saving
puts the stored name back, unless someone has renamed it to something else.
"""

from django.conf import settings
from django.db.models.signals import post_init, pre_save
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from wagtail.models import GroupApprovalTask, Task, Workflow

from .moderation import TASK_NAME, WORKFLOW_NAME

DISPLAY_NAMES = {
    WORKFLOW_NAME: _("Practice moderation"),
    TASK_NAME: _("Approval by the editors"),
}


def _translated_name(sender, instance, **kwargs):
    name = instance.__dict__.get("name")
    if isinstance(name, str) and name in DISPLAY_NAMES:
        instance.name = DISPLAY_NAMES[name]


def _every_translation(display):
    names = set()
    for code, _label in settings.LANGUAGES:
        with translation.override(code):
            names.add(str(display))
    return names


def _stored_name(sender, instance, **kwargs):
    name = instance.name
    for stored, display in DISPLAY_NAMES.items():
        if name is display or (
            isinstance(name, Promise | str) and str(name) in _every_translation(display)
        ):
            instance.name = stored
            return


def _str_of_name(self):
    return str(self.name)


def connect():
    # Wagtail's __str__ returns the name as it is; Python needs a str, not a lazy one
    # (choice labels in the admin's filters call str() on workflows and tasks).
    Workflow.__str__ = _str_of_name
    Task.__str__ = _str_of_name
    for model in (Workflow, Task, GroupApprovalTask):
        post_init.connect(_translated_name, sender=model, dispatch_uid=f"name-{model.__name__}")
        pre_save.connect(_stored_name, sender=model, dispatch_uid=f"store-{model.__name__}")
