"""Publish a page again and again in the development settings' SQLite database.

Run by test_sqlite_concurrency.py beside the real task worker: each publication queues
an index update that the worker applies, so both processes write at the same time.
"""

import os
import sys

import django

sys.path.insert(0, os.getcwd())
django.setup()

from django.db import transaction  # noqa: E402
from wagtail.models import Page  # noqa: E402

from home.site_setup import ensure_site_structure  # noqa: E402


def main(rounds):
    home = ensure_site_structure()["fi"]
    for number in range(rounds):
        with transaction.atomic():
            page = Page.objects.get(pk=home.pk).specific
            page.title = f"Etusivu {number}"
            page.save_revision().publish()
    print("saved", rounds)


if __name__ == "__main__":
    main(int(sys.argv[1]))
