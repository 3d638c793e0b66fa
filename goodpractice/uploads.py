"""Checks shared by every file upload on the site: size, and the real type from the bytes.

An extension says nothing about what a file is, so each upload's first bytes are
compared with the signatures of the types allowed for it (a ".pdf" that is really an
HTML page or a program is refused), and images must decode with Pillow. Messages name
the file, so a person who sent several knows which one to fix.
"""

import codecs
import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError

# Enough of the start of a file for every signature below and for telling text from binary.
HEAD_BYTES = 8192
# Larger images are refused before decoding: 40 megapixels is ample for a photograph.
MAX_IMAGE_PIXELS = 40_000_000


@dataclass(frozen=True)
class FileType:
    name: str  # shown to people in the list of allowed types
    content_type: str
    extensions: tuple
    image: bool = False

    def matches(self, head, upload):
        return SNIFFERS[self.name](head, upload)


def _is_zip_with(upload, member):
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            return member in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        upload.seek(0)


def _is_text(head, upload):
    # Plain text and CSV: no NUL bytes, and readable as UTF-8 or the Windows Latin-1
    # that spreadsheet programs still write. The head may end inside a UTF-8 character.
    if b"\x00" in head:
        return False
    try:
        codecs.getincrementaldecoder("utf-8")().decode(head, final=False)
    except UnicodeDecodeError:
        try:
            head.decode("cp1252")
        except UnicodeDecodeError:
            return False
    return True


SNIFFERS = {
    "PDF": lambda head, upload: head.startswith(b"%PDF-"),
    "PNG": lambda head, upload: head.startswith(b"\x89PNG\r\n\x1a\n"),
    "JPEG": lambda head, upload: head.startswith(b"\xff\xd8\xff"),
    "GIF": lambda head, upload: head[:6] in (b"GIF87a", b"GIF89a"),
    "WebP": lambda head, upload: head[:4] == b"RIFF" and head[8:12] == b"WEBP",
    # Office Open XML and OpenDocument files are ZIP archives with a known first member.
    "Office": lambda head, upload: (
        head.startswith(b"PK\x03\x04") and _is_zip_with(upload, "[Content_Types].xml")
    ),
    "OpenDocument": lambda head, upload: (
        head.startswith(b"PK\x03\x04") and _is_zip_with(upload, "mimetype")
    ),
    "Text": _is_text,
}

PDF = FileType("PDF", "application/pdf", ("pdf",))
PNG = FileType("PNG", "image/png", ("png",), image=True)
JPEG = FileType("JPEG", "image/jpeg", ("jpg", "jpeg"), image=True)
GIF = FileType("GIF", "image/gif", ("gif",), image=True)
WEBP = FileType("WebP", "image/webp", ("webp",), image=True)
OFFICE = FileType(
    "Office", "application/vnd.openxmlformats-officedocument", ("docx", "xlsx", "pptx")
)
OPENDOCUMENT = FileType("OpenDocument", "application/vnd.oasis.opendocument", ("odt", "ods", "odp"))
TEXT = FileType("Text", "text/plain", ("txt", "csv"))

# Nomination attachments: descriptions and photographs of the achievement.
ATTACHMENT_TYPES = (PDF, JPEG, PNG)
# Wagtail documents and images (WAGTAILDOCS_EXTENSIONS and WAGTAILIMAGES_EXTENSIONS follow).
DOCUMENT_TYPES = (PDF, OFFICE, OPENDOCUMENT, TEXT)
IMAGE_TYPES = (JPEG, PNG, GIF, WEBP)


def extensions(types):
    return [extension for file_type in types for extension in file_type.extensions]


def _extension(name):
    return PurePath(name or "").suffix.lower().lstrip(".")


def _read_head(upload):
    upload.seek(0)
    head = upload.read(HEAD_BYTES)
    upload.seek(0)
    return head


def _image_problem(upload):
    """None when Pillow opens and fully decodes the image; else the refusal's code.

    Decoding catches truncated files too. The pixel count is checked before decoding,
    so a small file that unpacks into a huge image never fills the memory.
    """
    try:
        upload.seek(0)
        data = io.BytesIO(upload.read())
        with Image.open(data) as image:
            image.verify()
            if image.width * image.height > MAX_IMAGE_PIXELS:
                return "too_many_pixels"
        data.seek(0)
        with Image.open(data) as image:
            image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        return "broken_image"
    finally:
        upload.seek(0)
    return None


def validate_upload(upload, *, types, max_bytes):
    """Check an uploaded file; return its FileType, or raise ValidationError naming it."""
    name = PurePath(upload.name or "").name
    size = upload.size
    if not size:
        raise ValidationError(_("“%(name)s” is empty."), code="empty", params={"name": name})
    if size > max_bytes:
        raise ValidationError(
            _("“%(name)s” is too large (%(size)s). The largest allowed size is %(limit)s."),
            code="too_large",
            params={
                "name": name,
                "size": filesizeformat(size),
                "limit": filesizeformat(max_bytes),
            },
        )
    extension = _extension(name)
    file_type = next((t for t in types if extension in t.extensions), None)
    if file_type is None:
        raise ValidationError(
            _("“%(name)s” is not an allowed file type. Allowed: %(allowed)s."),
            code="file_type",
            params={"name": name, "allowed": ", ".join(t.name for t in types)},
        )
    if not file_type.matches(_read_head(upload), upload):
        raise ValidationError(
            _("The content of “%(name)s” is not %(type)s, though its name ends in .%(extension)s."),
            code="content_mismatch",
            params={"name": name, "type": file_type.name, "extension": extension},
        )
    problem = _image_problem(upload) if file_type.image else None
    if problem == "too_many_pixels":
        raise ValidationError(
            _("“%(name)s” has too many pixels. Make the image smaller and try again."),
            code=problem,
            params={"name": name},
        )
    if problem == "broken_image":
        raise ValidationError(
            _("“%(name)s” could not be opened as an image. It may be damaged."),
            code=problem,
            params={"name": name},
        )
    return file_type
