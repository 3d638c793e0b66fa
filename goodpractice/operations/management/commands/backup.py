from datetime import datetime

from django.core.management.base import BaseCommand, CommandError

from goodpractice.operations.backup import BackupError, create_backup, media_note


class Command(BaseCommand):
    help = "Back up the database and the media files (public and private) into one .tar.gz archive."

    def add_arguments(self, parser):
        parser.add_argument(
            "file",
            nargs="?",
            help="archive to write (default: backup-<date and time>.tar.gz here)",
        )

    def handle(self, *args, file=None, **options):
        target = file or f"backup-{datetime.now():%Y%m%d-%H%M%S}.tar.gz"
        try:
            manifest = create_backup(target)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Backed up database {manifest['database']}, {manifest['media_files']} "
            f"media files and {manifest['private_files']} private files to {target}"
        )
        if note := media_note(manifest):
            self.stdout.write(note)
