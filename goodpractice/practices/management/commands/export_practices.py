from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from goodpractice.practices.exchange import export_lines


class Command(BaseCommand):
    help = gettext_lazy(
        "Export every practice in the JSON Lines exchange format (docs/practice-format.md), "
        "to FILE or to standard output. Contacts are included: treat the file as personal data."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "file", nargs="?", help=_("the file to write; standard output if left out")
        )

    def handle(self, *args, **options):
        path = options["file"]
        if not path or path == "-":
            for line in export_lines():
                self.stdout.write(line, ending="")
            return
        count = 0
        # Binary mode: the same bytes on every platform (UTF-8, \n line ends).
        with open(path, "wb") as handle:
            for line in export_lines():
                handle.write(line.encode("utf-8"))
                count += 1
        self.stdout.write(
            _("exported %(count)d practices to %(file)s") % {"count": count, "file": path}
        )
