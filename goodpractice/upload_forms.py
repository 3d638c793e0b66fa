"""Wagtail's image and document forms with the site's upload checks (goodpractice/uploads.py).

Set as WAGTAILIMAGES_IMAGE_FORM_BASE and WAGTAILDOCS_DOCUMENT_FORM_BASE, so the single
and the multiple upload views both use them. The check runs before Wagtail's own field
code reads the file, which fails on some damaged images instead of refusing them.
"""

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from wagtail.documents.fields import WagtailDocumentField
from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from . import uploads


class SniffedImageField(WagtailImageField):
    def to_python(self, data):
        if isinstance(data, UploadedFile):
            uploads.validate_upload(
                data, types=uploads.IMAGE_TYPES, max_bytes=settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE
            )
        return super().to_python(data)


class SniffedDocumentField(WagtailDocumentField):
    def to_python(self, data):
        if isinstance(data, UploadedFile):
            uploads.validate_upload(
                data, types=uploads.DOCUMENT_TYPES, max_bytes=settings.WAGTAILDOCS_MAX_UPLOAD_SIZE
            )
        return super().to_python(data)


class _SniffedFileMixin:
    file_field_class = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None:
            # Same label, requiredness and widget (with its admin behaviour); checked content.
            self.fields["file"] = self.file_field_class(
                label=field.label, required=field.required, widget=field.widget
            )


class DocumentForm(_SniffedFileMixin, BaseDocumentForm):
    file_field_class = SniffedDocumentField


class ImageForm(_SniffedFileMixin, BaseImageForm):
    file_field_class = SniffedImageField
