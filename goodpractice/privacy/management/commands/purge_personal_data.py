from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from goodpractice.privacy.retention import run_retention_rules


class Command(BaseCommand):
    help = gettext_lazy(
        "Remove personal data past its retention time, by every rule in the personal data "
        "registry. Safe to run daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=gettext_lazy("Only report what would be removed."),
        )

    def handle(self, *args, dry_run=False, **options):
        for result in run_retention_rules(dry_run=dry_run):
            message = (
                _("%(records)s: would clean %(count)d.")
                if dry_run
                else _("%(records)s: cleaned %(count)d.")
            )
            self.stdout.write(
                message
                % {
                    "records": str(result.entry.model._meta.verbose_name_plural).capitalize(),
                    "count": result.count,
                }
            )
