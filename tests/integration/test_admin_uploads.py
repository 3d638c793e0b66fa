"""Wagtail documents and images in the admin go through the site's upload checks."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection

from tests import files

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(
        get_user_model().objects.create_superuser("paakayttaja", "admin@example.invalid", "pw")
    )
    return client


def post_document(client, upload):
    return client.post(
        reverse("wagtaildocs:add"),
        {"title": "Liite", "file": upload, "collection": Collection.get_first_root_node().pk},
    )


def post_image(client, upload):
    return client.post(
        reverse("wagtailimages:add"),
        {"title": "Kuva", "file": upload, "collection": Collection.get_first_root_node().pk},
    )


def test_a_real_pdf_document_is_accepted(admin_client):
    response = post_document(admin_client, files.pdf("opas.pdf"))
    assert response.status_code == 302
    assert Document.objects.get().title == "Liite"


def test_a_document_whose_content_does_not_match_is_refused(admin_client):
    response = post_document(admin_client, files.upload("opas.pdf", files.HTML))
    assert response.status_code == 200
    assert "”opas.pdf” ei sisällä PDF" in response.content.decode()
    assert not Document.objects.exists()


def test_an_oversized_document_is_refused(admin_client, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 100
    response = post_document(admin_client, files.pdf("opas.pdf"))
    assert response.status_code == 200
    assert not Document.objects.exists()


def test_real_images_are_accepted_and_impostors_refused(admin_client):
    assert post_image(admin_client, files.png()).status_code == 302
    assert Image.objects.count() == 1
    for impostor in (
        files.upload("kuva.jpg", files.image_bytes("PNG")),
        files.upload("kuva.png", files.broken_png()),
        files.upload("kuva.png", files.HTML),
    ):
        assert post_image(admin_client, impostor).status_code == 200
    assert Image.objects.count() == 1
