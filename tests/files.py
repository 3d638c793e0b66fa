"""Small real files for upload tests: a PDF, images that decode, and impostors."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

# A minimal one-page PDF.
PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
HTML = b"<!doctype html><html><body><script>alert(1)</script></body></html>\n"
# The start of a Windows program (MZ header).
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 64


def image_bytes(kind="PNG", size=(8, 8)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, kind)
    return buffer.getvalue()


def broken_png():
    """A PNG signature and header, then cut off: it does not decode."""
    return image_bytes("PNG", (64, 64))[:60]


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def pdf(name="kuvaus.pdf"):
    return upload(name, PDF, "application/pdf")


def png(name="kuva.png"):
    return upload(name, image_bytes("PNG"), "image/png")


def jpeg(name="valokuva.jpg"):
    return upload(name, image_bytes("JPEG"), "image/jpeg")
