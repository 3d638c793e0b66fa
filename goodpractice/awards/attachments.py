"""Nomination attachments: the checks, storing them with the nomination, removing the files."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils.translation import ngettext

from goodpractice import uploads

from .models import NominationAttachment


def max_count():
    return settings.AWARDS_ATTACHMENT_MAX_COUNT


def max_bytes():
    return settings.AWARDS_ATTACHMENT_MAX_BYTES


def validate_files(files):
    """Check every file; return their types, or raise one ValidationError listing all problems."""
    files = list(files)
    if len(files) > max_count():
        raise ValidationError(
            ngettext(
                "Attach at most %(count)d file.",
                "Attach at most %(count)d files.",
                max_count(),
            )
            % {"count": max_count()},
            code="too_many",
        )
    errors, types = [], []
    for upload in files:
        try:
            types.append(
                uploads.validate_upload(
                    upload, types=uploads.ATTACHMENT_TYPES, max_bytes=max_bytes()
                )
            )
        except ValidationError as error:
            errors.append(error)
    if errors:
        raise ValidationError(errors)
    return types


def store_attachments(nomination, files):
    """Check and save the files for a nomination; call inside its transaction.

    If anything fails, the files already written are removed, so a refused or rolled
    back nomination leaves nothing on disk.
    """
    files = list(files)
    types = validate_files(files)
    stored = []
    try:
        for upload, file_type in zip(files, types, strict=True):
            attachment = NominationAttachment(
                nomination=nomination,
                original_name=upload.name[:255],
                content_type=file_type.content_type,
                size=upload.size,
            )
            attachment.file.save(upload.name, upload, save=False)
            stored.append(attachment)
            attachment.save()
    except BaseException:
        for attachment in stored:
            attachment.file.delete(save=False)
        raise
    return stored


@receiver(post_delete, sender=NominationAttachment)
def remove_file(sender, instance, **kwargs):
    # Also when a nomination is deleted: its attachments go with it, files included.
    if instance.file:
        instance.file.delete(save=False)
