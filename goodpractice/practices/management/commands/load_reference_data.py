from django.core.management.base import BaseCommand, no_translations

from goodpractice.organisations.reference import load_organisations
from goodpractice.practices.reference import load_taxonomy


class Command(BaseCommand):
    help = "Load municipalities, wellbeing services counties and the taxonomy (idempotent)."

    @no_translations  # one language in the log, whatever the settings
    def handle(self, *args, **options):
        created, total = load_organisations()
        self.stdout.write(f"organisations: {created} created, {total} in the reference data")
        for name, (created, total) in load_taxonomy().items():
            self.stdout.write(f"{name}: {created} created, {total} in the reference data")
