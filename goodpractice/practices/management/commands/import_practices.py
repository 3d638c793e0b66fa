import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from goodpractice.practices.exchange import import_practices


class Command(BaseCommand):
    help = gettext_lazy(
        "Import practices from a JSON Lines file in the exchange format "
        "(docs/practice-format.md). Use - to read standard input."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help=_("the file to import, or - for standard input"))

    def handle(self, *args, **options):
        path = options["file"]
        if path == "-":
            report = import_practices(sys.stdin.buffer)
        else:
            try:
                with open(path, "rb") as handle:
                    report = import_practices(handle)
            except OSError as error:
                raise CommandError(
                    _("cannot read %(file)s: %(error)s") % {"file": path, "error": error.strerror}
                ) from error
        for error in report.errors:
            self.stderr.write(str(error))
        if options["verbosity"] >= 2:
            for line, external_id, outcome, _page in report.outcomes:
                self.stdout.write(f"line {line}: {external_id} {outcome}")
        self.stdout.write(report.summary())
        if report.failed:
            raise CommandError(
                _("%(count)d line(s) failed; nothing of them was saved") % {"count": report.failed},
                returncode=1,
            )
