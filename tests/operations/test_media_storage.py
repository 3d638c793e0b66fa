"""Media in a local folder or an S3-compatible bucket, tested against a real S3 server
(moto's, run in this process on a free port)."""

import io
import os
import socket
import subprocess
import sys
import tarfile
import urllib.request
import uuid
from io import StringIO

import boto3
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.core.management import call_command
from PIL import Image as PillowImage
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import Collection

from goodpractice.practices.models import PracticeDocument
from goodpractice.settings.storage import media_storage
from tests.factories import make_practice

REGION = "eu-north-1"
KEYS = {"S3_ACCESS_KEY_ID": "test-key", "S3_SECRET_ACCESS_KEY": "test-secret"}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def s3_endpoint():
    from moto.server import ThreadedMotoServer

    port = free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    yield f"http://127.0.0.1:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, monkeypatch, settings):
    """A new bucket, and the site's media stored in it as MEDIA_STORAGE=s3 configures."""
    name = f"media-{uuid.uuid4().hex[:12]}"
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name=REGION,
        aws_access_key_id=KEYS["S3_ACCESS_KEY_ID"],
        aws_secret_access_key=KEYS["S3_SECRET_ACCESS_KEY"],
    )
    client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION})
    environment = {
        "MEDIA_STORAGE": "s3",
        "S3_BUCKET": name,
        "S3_ENDPOINT_URL": s3_endpoint,
        "S3_REGION": REGION,
        "S3_ADDRESSING_STYLE": "path",
        **KEYS,
    }
    for key, value in environment.items():
        monkeypatch.setenv(key, value)
    settings.STORAGES = {**settings.STORAGES, "default": media_storage()}
    client.bucket_name = name
    return client


def keys_in(client):
    listing = client.list_objects_v2(Bucket=client.bucket_name)
    return {item["Key"] for item in listing.get("Contents", [])}


def fetch(url):
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read()


def png(width=64, height=48):
    data = io.BytesIO()
    PillowImage.new("RGB", (width, height), (200, 40, 40)).save(data, "PNG")
    return data.getvalue()


def test_the_storage_comes_from_the_environment(monkeypatch):
    monkeypatch.delenv("MEDIA_STORAGE", raising=False)
    assert media_storage()["BACKEND"] == "django.core.files.storage.FileSystemStorage"
    monkeypatch.setenv("MEDIA_STORAGE", "s3")
    monkeypatch.delenv("S3_BUCKET", raising=False)
    with pytest.raises(ImproperlyConfigured, match="S3_BUCKET"):
        media_storage()
    monkeypatch.setenv("S3_BUCKET", "lastensuojelu-media")
    monkeypatch.setenv("S3_CUSTOM_DOMAIN", "media.example.fi")
    monkeypatch.setenv("S3_QUERYSTRING_AUTH", "off")
    options = media_storage()["OPTIONS"]
    assert options["bucket_name"] == "lastensuojelu-media"
    assert options["custom_domain"] == "media.example.fi"
    assert options["querystring_auth"] is False
    assert options["file_overwrite"] is False
    monkeypatch.setenv("MEDIA_STORAGE", "ftp")
    with pytest.raises(ImproperlyConfigured, match="'local' or 's3'"):
        media_storage()


@pytest.mark.django_db
def test_a_document_is_stored_in_the_bucket_and_served_by_a_signed_url(bucket, client, site):
    document = Document.objects.create(
        title="Ohje", file=ContentFile(b"%PDF-1.4 ohje", name="ohje.pdf")
    )
    assert f"media/documents/{document.file.name.split('/')[-1]}" in keys_in(bucket)
    with document.file.open("rb") as stored:
        assert stored.read() == b"%PDF-1.4 ohje"

    url = document.file.url
    assert url.startswith(f"{os.environ['S3_ENDPOINT_URL']}/{bucket.bucket_name}/media/documents/")
    assert "X-Amz-Signature=" in url  # private files, time-limited links
    assert fetch(url) == b"%PDF-1.4 ohje"

    # The site's own document link checks access (public: a live practice uses it), then
    # sends the reader to the bucket.
    practice = make_practice(title="Ohjeen käytäntö", publish=False)
    practice.documents.add(PracticeDocument(document=document))
    practice.save_revision().publish()
    response = client.get(document.url)
    assert response.status_code == 302
    assert "X-Amz-Signature=" in response["Location"]
    assert fetch(response["Location"]) == b"%PDF-1.4 ohje"

    # A second upload of the same name never replaces the first.
    second = Document.objects.create(title="Ohje 2", file=ContentFile(b"toinen", name="ohje.pdf"))
    assert second.file.name != document.file.name
    assert fetch(document.file.url) == b"%PDF-1.4 ohje"


@pytest.mark.django_db
def test_an_image_and_its_rendition_live_in_the_bucket(bucket, site):
    image = Image.objects.create(title="Kuva", file=ImageFile(io.BytesIO(png()), name="kuva.png"))
    assert (image.width, image.height) == (64, 48)
    rendition = image.get_rendition("fill-20x20")
    keys = keys_in(bucket)
    assert any(key.startswith("media/original_images/kuva") for key in keys)
    assert f"media/{rendition.file.name}" in keys
    assert "X-Amz-Signature=" in rendition.url
    with PillowImage.open(io.BytesIO(fetch(rendition.url))) as picture:
        assert picture.size == (20, 20)


@pytest.mark.django_db
def test_a_custom_domain_gives_plain_urls(bucket, monkeypatch, settings):
    monkeypatch.setenv("S3_CUSTOM_DOMAIN", "media.example.fi")
    monkeypatch.setenv("S3_QUERYSTRING_AUTH", "false")
    settings.STORAGES = {**settings.STORAGES, "default": media_storage()}
    document = Document.objects.create(
        title="Julkinen", file=ContentFile(b"x", name="julkinen.txt")
    )
    assert document.file.url == f"https://media.example.fi/media/{document.file.name}"


@pytest.mark.django_db(transaction=True)
def test_backup_with_s3_leaves_media_to_the_bucket(bucket, tmp_path, settings):
    from tests.conftest import _build_site

    _build_site()
    # Earlier transactional tests empty every table, the migrations' root collection too.
    if not Collection.get_first_root_node():
        Collection.add_root(name="Root")
    settings.MEDIA_ROOT = tmp_path / "media"
    document = Document.objects.create(
        title="Ohje", file=ContentFile(b"%PDF-1.4 ohje", name="ohje.pdf")
    )
    archive = tmp_path / "site.tar.gz"
    out = StringIO()
    call_command("backup", str(archive), stdout=out)
    assert f"Media files are in the S3 bucket {bucket.bucket_name}" in out.getvalue()
    assert "versioning" in out.getvalue()
    with tarfile.open(archive) as opened:
        assert not [name for name in opened.getnames() if name.startswith("media")]

    # (Deleting the document would also delete its file from the bucket.)
    Document.objects.filter(pk=document.pk).update(title="Muutettu")
    out = StringIO()
    call_command("restore", str(archive), "--yes", stdout=out)
    assert f"Media files are in the S3 bucket {bucket.bucket_name}" in out.getvalue()
    restored = Document.objects.get(pk=document.pk)
    assert restored.title == "Ohje"
    assert fetch(restored.file.url) == b"%PDF-1.4 ohje"
    assert not settings.MEDIA_ROOT.exists() or not any(settings.MEDIA_ROOT.iterdir())


@pytest.mark.parametrize(
    "storage",
    [{"MEDIA_STORAGE": "local"}, {"MEDIA_STORAGE": "s3", "S3_BUCKET": "lastensuojelu-media"}],
)
def test_deploy_checks_pass_with_either_storage(storage, settings):
    environment = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "goodpractice.settings.production",
        "SECRET_KEY": "x" * 20 + uuid.uuid4().hex + uuid.uuid4().hex,
        "DATABASE_URL": os.environ.get(
            "DATABASE_URL", "postgres://goodpractice@127.0.0.1:54329/goodpractice"
        ),
        "ALLOWED_HOSTS": "hyvatkaytannot.example",
        **storage,
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=environment,
        capture_output=True,
        text=True,
        cwd=settings.BASE_DIR,
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout
