"""Back up and restore the whole site: the PostgreSQL database and the media files.

An archive is a .tar.gz holding manifest.json, database.dump (pg_dump's custom format),
media/ and private-media/ (nomination attachments, kept outside the public media
folder). Restoring replaces the database's contents and both folders, then
rebuilds the search index from the restored database, because the index is derived data
and is never backed up.

With MEDIA_STORAGE=s3 the media and private files stay in their bucket and are not in the archive:
the bucket's own versioning (or replication) keeps them, and a restore leaves them as
they are. The manifest and the commands say so.
"""

import io
import json
import os
import shutil
import subprocess
import tarfile
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.db import connections

FORMAT_VERSION = 1
DUMP_NAME = "database.dump"
MEDIA_NAME = "media"
PRIVATE_MEDIA_NAME = "private-media"
MANIFEST_NAME = "manifest.json"


S3_MEDIA_NOTE = (
    "Media files are in the S3 bucket {bucket} and are not in this archive: keep them "
    "with the bucket's versioning or replication."
)


def media_in_bucket():
    """The bucket's name when media are kept in S3 (not backed up here), else None."""
    from goodpractice.settings.storage import uses_s3

    if uses_s3(settings.STORAGES):
        return settings.STORAGES["default"]["OPTIONS"]["bucket_name"]
    return None


def media_note(manifest):
    bucket = manifest.get("media_bucket")
    return S3_MEDIA_NOTE.format(bucket=bucket) if bucket else ""


class BackupError(Exception):
    """The backup or restore could not be done; the message says why."""


def _file_folders():
    """(name in the archive, folder on disk) of every folder of uploaded files.

    None when the files are kept in an S3 bucket, which keeps them itself.
    """
    if media_in_bucket():
        return []
    return [
        (MEDIA_NAME, Path(settings.MEDIA_ROOT)),
        (PRIVATE_MEDIA_NAME, Path(settings.PRIVATE_MEDIA_ROOT)),
    ]


def _files_in(folder):
    return [p for p in folder.rglob("*") if p.is_file()] if folder.is_dir() else []


def _database(alias="default"):
    config = settings.DATABASES[alias]
    if config["ENGINE"] != "django.db.backends.postgresql":
        raise BackupError("Backup and restore need PostgreSQL (DATABASE_URL).")
    return config


def _pg_tool(name):
    # The newest client; Debian installs one per major version under /usr/lib/postgresql.
    versions = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
        key=lambda path: int(path.parts[-3]) if path.parts[-3].isdigit() else 0,
    )
    found = str(versions[-1]) if versions else shutil.which(name)
    if not found:
        raise BackupError(f"{name} was not found; install the PostgreSQL client.")
    return found


def _connection_args(config):
    args = ["--no-password", "--dbname", config["NAME"]]
    if config.get("HOST"):
        args += ["--host", config["HOST"]]
    if config.get("PORT"):
        args += ["--port", str(config["PORT"])]
    if config.get("USER"):
        args += ["--username", config["USER"]]
    env = dict(os.environ)
    if config.get("PASSWORD"):
        env["PGPASSWORD"] = config["PASSWORD"]
    return args, env


def _run(command, env):
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()}")


def create_backup(target):
    """Write an archive of the database and the media files to `target`; return a summary."""
    config = _database()
    target = Path(target)
    with tempfile.TemporaryDirectory() as work:
        dump = Path(work) / DUMP_NAME
        args, env = _connection_args(config)
        _run([_pg_tool("pg_dump"), "--format=custom", "--file", str(dump), *args], env)
        folders = {name: (root, _files_in(root)) for name, root in _file_folders()}
        manifest = {
            "format": FORMAT_VERSION,
            "created": datetime.now(UTC).isoformat(timespec="seconds"),
            "database": config["NAME"],
            "media_files": len(folders.get(MEDIA_NAME, (None, []))[1]),
            "private_files": len(folders.get(PRIVATE_MEDIA_NAME, (None, []))[1]),
            "media_bucket": media_in_bucket(),
        }
        partial = target.with_name(target.name + ".partial")
        with tarfile.open(partial, "w:gz") as archive:
            info = tarfile.TarInfo(MANIFEST_NAME)
            data = json.dumps(manifest, indent=2).encode()
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
            archive.add(dump, arcname=DUMP_NAME)
            for name, (root, paths) in folders.items():
                for path in paths:
                    archive.add(path, arcname=f"{name}/{path.relative_to(root)}")
        # Only a complete archive gets the final name.
        partial.replace(target)
    return manifest


def _safe_members(archive):
    for member in archive.getmembers():
        if not (member.isfile() or member.isdir()):
            raise BackupError(f"Unexpected entry in the archive: {member.name}")
    return archive.getmembers()


def restore_backup(source, rebuild_index=True):
    """Replace the database and the media files (public and private) with the archive's.

    Returns the archive's manifest, with "search_index" telling what became of the index.
    """
    config = _database()
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"No such backup: {source}")
    with tempfile.TemporaryDirectory() as work:
        try:
            with tarfile.open(source, "r:gz") as archive:
                # The "data" filter refuses absolute paths, links out of the folder and
                # devices.
                archive.extractall(work, members=_safe_members(archive), filter="data")
        except (tarfile.TarError, OSError, EOFError) as exc:
            raise BackupError(f"{source} is not a backup archive: {exc}") from exc
        work = Path(work)
        try:
            manifest = json.loads((work / MANIFEST_NAME).read_text())
        except (OSError, ValueError) as exc:
            raise BackupError("The archive has no valid manifest.json.") from exc
        if manifest.get("format") != FORMAT_VERSION:
            raise BackupError(f"Unsupported backup format: {manifest.get('format')}")
        # pg_restore needs the tables free: Django's own connections let go of them first.
        connections.close_all()
        args, env = _connection_args(config)
        _run(
            [
                _pg_tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--single-transaction",
                "--no-owner",
                "--no-privileges",
                *args,
                str(work / DUMP_NAME),
            ],
            env,
        )
        if manifest.get("media_bucket") or media_in_bucket():
            # The bucket keeps its own files (and their versions): nothing to replace.
            manifest["media_bucket"] = manifest.get("media_bucket") or media_in_bucket()
        else:
            for name, root in _file_folders():
                _replace_media(work / name, root)
    manifest["search_index"] = _rebuild_search_index() if rebuild_index else "not rebuilt"
    return manifest


def _replace_media(restored, media_root):
    media_root.mkdir(parents=True, exist_ok=True)
    for child in media_root.iterdir():
        if child.is_dir() and not child.is_symlink():
            shutil.rmtree(child)
        else:
            child.unlink()
    if restored.is_dir():
        shutil.copytree(restored, media_root, dirs_exist_ok=True)


def _rebuild_search_index():
    from search import connection
    from search.connection import EngineError
    from search.indexing import indexable_pages, queue_pages
    from search.rebuild import rebuild

    if not connection.is_configured():
        return "no search engine configured"
    try:
        rebuild(stream=None)
    except EngineError:
        # The engine is down: queue every page, the usual catch-up sends them later.
        queue_pages(list(indexable_pages().values_list("pk", flat=True)))
        return "queued for when the search engine answers"
    return "rebuilt"
