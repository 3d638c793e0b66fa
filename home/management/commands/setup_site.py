from django.core.management.base import BaseCommand

from home.site_setup import ensure_site_structure


class Command(BaseCommand):
    help = "Create the home and practice index pages in every language (idempotent)."

    def handle(self, *args, **options):
        for code, home in ensure_site_structure().items():
            self.stdout.write(f"{code}: {home.url}")
