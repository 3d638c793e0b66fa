"""Files a nominator attaches to a nomination: private, read only by the secretariat and jury."""

import uuid
from pathlib import PurePath

from django.core.files.storage import storages
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def private_storage():
    # Not served at MEDIA_URL: downloads go through a view that checks permission.
    return storages["private"]


def attachment_path(instance, filename):
    # A random name: the nominator's file name may hold personal data and is kept in
    # original_name for the download only.
    extension = PurePath(filename).suffix.lower()
    return f"awards/nominations/{uuid.uuid4().hex}{extension}"


class NominationAttachment(models.Model):
    nomination = models.ForeignKey(
        "awards.Nomination",
        verbose_name=_("nomination"),
        on_delete=models.CASCADE,
        related_name="attachments",
    )
    file = models.FileField(
        _("file"), storage=private_storage, upload_to=attachment_path, max_length=255
    )
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(
        _("content type"), max_length=100, help_text=_("Found from the file's content.")
    )
    size = models.PositiveBigIntegerField(_("size in bytes"))
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        ordering = ["nomination", "pk"]
        verbose_name = _("nomination attachment")
        verbose_name_plural = _("nomination attachments")

    def __str__(self):
        return self.original_name

    def get_download_url(self):
        return reverse("awards_attachment", args=[self.pk])
