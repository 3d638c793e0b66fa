"""The shared upload checks: the real type from the bytes, size limits, named messages."""

import io
import os
import subprocess
import sys
import zipfile

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation

from goodpractice import uploads
from tests import files

LIMIT = 1024 * 1024


def check(upload, types=uploads.ATTACHMENT_TYPES, max_bytes=LIMIT):
    return uploads.validate_upload(upload, types=types, max_bytes=max_bytes)


class Refusal:
    """A refused upload's code and its messages in English."""

    def __init__(self, error):
        self.code = error.code if hasattr(error, "code") else None
        with translation.override("en"):
            self.messages = [str(message) for message in error.messages]


def refusal(upload, **options):
    with translation.override("en"), pytest.raises(ValidationError) as caught:
        check(upload, **options)
    return Refusal(caught.value)


@pytest.mark.parametrize(
    ("upload", "content_type"),
    [
        (files.pdf(), "application/pdf"),
        (files.png(), "image/png"),
        (files.jpeg(), "image/jpeg"),
        (files.jpeg("VALOKUVA.JPEG"), "image/jpeg"),
    ],
)
def test_real_pdf_png_and_jpeg_are_accepted(upload, content_type):
    assert check(upload).content_type == content_type


@pytest.mark.parametrize("content", [files.HTML, files.EXE, files.image_bytes("PNG")])
def test_a_pdf_that_is_something_else_is_refused(content):
    error = refusal(files.upload("raportti.pdf", content))
    assert error.code == "content_mismatch"
    assert "raportti.pdf" in error.messages[0]
    assert "is not PDF" in error.messages[0]


def test_a_png_that_does_not_decode_is_refused():
    error = refusal(files.upload("kuva.png", files.broken_png()))
    assert error.code == "broken_image"
    assert error.messages == ["“kuva.png” could not be opened as an image. It may be damaged."]


def test_an_image_with_too_many_pixels_is_refused_before_decoding(monkeypatch):
    monkeypatch.setattr(uploads, "MAX_IMAGE_PIXELS", 50)
    error = refusal(files.png())  # 8 x 8 pixels
    assert error.code == "too_many_pixels"
    assert error.messages == [
        "“kuva.png” has too many pixels. Make the image smaller and try again."
    ]


def test_a_jpeg_named_png_is_refused():
    assert refusal(files.upload("kuva.png", files.image_bytes("JPEG"))).code == "content_mismatch"


def test_other_types_are_refused_with_the_allowed_ones_named():
    error = refusal(files.upload("ohjelma.exe", files.EXE))
    assert error.messages == ["“ohjelma.exe” is not an allowed file type. Allowed: PDF, JPEG, PNG."]
    assert refusal(files.upload("ilman-paatetta", files.PDF)).code == "file_type"


def test_empty_and_oversized_files_are_refused_with_sizes():
    assert refusal(files.upload("tyhja.pdf", b"")).messages == ["“tyhja.pdf” is empty."]
    error = refusal(files.upload("iso.pdf", files.PDF + b"0" * 2000), max_bytes=1000)
    assert error.code == "too_large"
    assert error.messages == [
        "“iso.pdf” is too large (2.1\xa0KB). The largest allowed size is 1000\xa0bytes."
    ]


def test_messages_are_translated():
    with translation.override("fi"), pytest.raises(ValidationError) as caught:
        check(files.upload("tyhja.pdf", b""))
    assert caught.value.messages == ["”tyhja.pdf” on tyhjä."]


def _zip(member):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(member, "x")
    return buffer.getvalue()


def test_documents_are_sniffed_too():
    types = uploads.DOCUMENT_TYPES
    assert check(files.upload("taulukko.xlsx", _zip("[Content_Types].xml")), types=types)
    assert check(files.upload("teksti.odt", _zip("mimetype")), types=types)
    assert check(files.upload("tiedot.csv", "kunta;määrä\nImatra;3\n".encode()), types=types)
    assert check(files.upload("vanha.csv", "kunta;määrä\n".encode("cp1252")), types=types)
    assert refusal(files.upload("taulukko.xlsx", files.HTML), types=types).code == (
        "content_mismatch"
    )
    assert refusal(files.upload("teksti.txt", files.EXE), types=types).code == "content_mismatch"
    assert refusal(files.upload("muistio.docx", _zip("word.txt")), types=types).code == (
        "content_mismatch"
    )


def test_wagtail_extension_settings_follow_the_sniffed_types():
    assert sorted(settings.WAGTAILDOCS_EXTENSIONS) == sorted(
        uploads.extensions(uploads.DOCUMENT_TYPES)
    )
    assert sorted(settings.WAGTAILIMAGES_EXTENSIONS) == sorted(
        uploads.extensions(uploads.IMAGE_TYPES)
    )


def test_attachment_limits_come_from_the_environment():
    env = {**os.environ, "AWARDS_ATTACHMENT_MAX_BYTES": "1234", "AWARDS_ATTACHMENT_MAX_COUNT": "2"}
    code = (
        "from goodpractice.settings import base; "
        "print(base.AWARDS_ATTACHMENT_MAX_BYTES, base.AWARDS_ATTACHMENT_MAX_COUNT)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["1234", "2"]
