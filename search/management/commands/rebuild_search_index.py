from django.core.management.base import BaseCommand, CommandError

from search import connection
from search.connection import EngineError
from search.rebuild import rebuild


class Command(BaseCommand):
    help = (
        "Rebuild the search index into a new index and swap the alias to it, "
        "so search keeps working throughout."
    )

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="No progress bar.")

    def handle(self, *args, quiet=False, **options):
        if not connection.is_configured():
            raise CommandError("SEARCH_URL is empty: there is no search engine to index into.")
        try:
            report = rebuild(stream=None if quiet else self.stderr._out)
        except EngineError as exc:
            raise CommandError(f"Rebuild failed, the old index is still in use: {exc}") from exc
        self.stdout.write(
            f"Indexed {report['documents']} documents into {report['index']} "
            f"in {report['seconds']:.1f} s."
        )
