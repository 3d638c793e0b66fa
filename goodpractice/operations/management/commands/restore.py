from django.core.management.base import BaseCommand, CommandError

from goodpractice.operations.backup import BackupError, media_note, restore_backup


class Command(BaseCommand):
    help = (
        "Replace the database and the media files with a backup made by `backup`, "
        "then rebuild the search index."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="archive written by `manage.py backup`")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args, file, yes=False, **options):
        if not yes and options.get("interactive", True):
            answer = input(
                "This replaces everything in the database and the media folder. "
                "Type 'yes' to continue: "
            )
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")
        try:
            manifest = restore_backup(file)
        except BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"Restored the backup made {manifest['created']} "
            f"({manifest['media_files']} media files). Search index: {manifest['search_index']}."
        )
        if note := media_note(manifest):
            self.stdout.write(note)
