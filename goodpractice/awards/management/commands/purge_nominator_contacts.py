from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from goodpractice.awards.privacy import purge_nominator_contacts, retention_days


class Command(BaseCommand):
    help = gettext_lazy(
        "Remove nominators' contact details from rounds announced more than "
        "AWARDS_CONTACT_RETENTION_DAYS days ago. Safe to run daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=None,
            help=gettext_lazy("Days after the announcement (default: the setting)."),
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help=gettext_lazy("Only report what would be removed."),
        )

    def handle(self, *args, days=None, dry_run=False, **options):
        days = retention_days() if days is None else days
        report = purge_nominator_contacts(days=days, dry_run=dry_run)
        message = (
            _(
                "Would remove the contact details of %(nominations)d nominations in "
                "%(rounds)d rounds announced %(days)d or more days ago "
                "(%(already)d already removed)."
            )
            if dry_run
            else _(
                "Removed the contact details of %(nominations)d nominations in %(rounds)d "
                "rounds announced %(days)d or more days ago (%(already)d already removed)."
            )
        )
        self.stdout.write(
            message
            % {
                "nominations": report.nominations,
                "rounds": report.rounds,
                "days": days,
                "already": report.already_removed,
            }
        )
