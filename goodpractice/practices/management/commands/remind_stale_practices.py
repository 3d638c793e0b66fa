from django.core.management.base import BaseCommand

from goodpractice.practices.review import remind_stale_practices


class Command(BaseCommand):
    help = (
        "E-mail contributors about their organisations' practices that have not been "
        "reviewed for PRACTICE_REVIEW_MONTHS. Meant to run daily; a practice is reminded "
        "about at most once per PRACTICE_REVIEW_REMINDER_DAYS."
    )

    def handle(self, *args, **options):
        sent = remind_stale_practices()
        if options["verbosity"]:
            self.stdout.write(f"{sent} reminder e-mail(s) sent.")
