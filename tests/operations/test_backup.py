"""backup and restore round-trip a populated site exactly."""

import subprocess
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from goodpractice.operations.backup import (
    BackupError,
    _connection_args,
    _pg_tool,
    restore_backup,
)
from goodpractice.practices.models import PracticePage
from tests.conftest import _build_site
from tests.factories import make_practice

# pg_restore works on committed data, outside the test's transaction.
pytestmark = pytest.mark.django_db(transaction=True)


def _data():
    """The database's whole contents as pg_dump prints them."""
    args, env = _connection_args(connection.settings_dict)
    command = [_pg_tool("pg_dump"), "--data-only", "--format=plain", *args]
    text = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
    # Each dump guards itself with a random \restrict key; everything else must match.
    return [
        line for line in text.splitlines() if not line.startswith(("\\restrict", "\\unrestrict"))
    ]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    (settings.MEDIA_ROOT / "documents").mkdir(parents=True)
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    (settings.PRIVATE_MEDIA_ROOT / "awards").mkdir(parents=True)
    return settings.MEDIA_ROOT


def test_backup_then_restore_gives_back_the_same_site(media, tmp_path, settings):
    _build_site()
    kept = make_practice(title="Sisukas", themes=("school-support",))
    (media / "documents" / "malli.pdf").write_bytes(b"%PDF-1.4 original")
    attachment = settings.PRIVATE_MEDIA_ROOT / "awards" / "liite.pdf"
    attachment.write_bytes(b"%PDF-1.4 private")
    before = _data()
    archive = tmp_path / "site.tar.gz"
    out = StringIO()
    call_command("backup", str(archive), stdout=out)
    assert "1 media files and 1 private files" in out.getvalue()

    # Life goes on after the backup...
    PracticePage.objects.get(pk=kept.pk).delete()
    make_practice(title="Perhekeskus")
    (media / "documents" / "malli.pdf").write_bytes(b"changed")
    (media / "stray.txt").write_text("not in the backup")
    attachment.unlink()
    assert _data() != before

    # ...and the restore puts everything back as it was.
    out = StringIO()
    call_command("restore", str(archive), "--yes", stdout=out)
    assert "Search index: no search engine configured" in out.getvalue()
    assert _data() == before
    assert PracticePage.objects.filter(title="Sisukas").count() == 3  # fi and its sv, en
    assert not PracticePage.objects.filter(title="Perhekeskus").exists()
    assert (media / "documents" / "malli.pdf").read_bytes() == b"%PDF-1.4 original"
    assert not (media / "stray.txt").exists()
    # Nomination attachments live outside the public media folder and come back too.
    assert attachment.read_bytes() == b"%PDF-1.4 private"


def test_a_file_that_is_not_a_backup_changes_nothing(media, tmp_path):
    _build_site()
    make_practice(title="Sisukas")
    before = _data()
    bogus = tmp_path / "bogus.tar.gz"
    bogus.write_bytes(b"not an archive")

    with pytest.raises(CommandError, match="not a backup"):
        call_command("restore", str(bogus), "--yes")
    with pytest.raises(BackupError, match="No such backup"):
        restore_backup(tmp_path / "missing.tar.gz")
    assert _data() == before
