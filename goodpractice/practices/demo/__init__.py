"""Demo content: practices in the exchange format, loaded through the ordinary importer.

practices.jsonl is in the exact form export_practices writes, so exporting a site that
holds only the demo data gives the file back byte for byte.
"""

from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction

from goodpractice.organisations.models import Organisation

from ..exchange import import_practices, original_practices
from ..models import Theme

DEMO_FILE = Path(__file__).resolve().parent / "practices.jsonl"
# The format has no "featured" key: featuring is an editor's decision on this site.
FEATURED = (
    "demo-hyvinvointineuvola",  # the first prize winner, 2013
    "demo-sisukas",
    "demo-systeeminen-toimintamalli",
    "demo-hjalp-hem",
)
DEMO_ADMIN = ("admin", "admin")  # username, password: development only


def ensure_prerequisites():
    """Reference data and page tree, so the demo loads into a freshly migrated database."""
    from goodpractice.organisations.reference import load_organisations
    from home.site_setup import ensure_site_structure

    from ..reference import load_taxonomy

    if not Organisation.objects.exists():
        load_organisations()
    if not Theme.objects.exists():
        load_taxonomy()
    ensure_site_structure()


def load_practices(path=DEMO_FILE):
    with open(path, "rb") as handle:
        return import_practices(handle)


def mark_featured(external_ids=FEATURED):
    """Feature the given practices; returns how many changed. Aliases follow on publish."""
    changed = 0
    for page in original_practices().filter(external_id__in=external_ids, featured=False):
        with transaction.atomic():
            page.featured = True
            revision = page.save_revision(log_action=True)
            if page.live:
                revision.publish()
        changed += 1
    return changed


def ensure_demo_superuser():
    """Create the development superuser unless it exists. Returns (user, created).

    Never call this outside development: the password is public.
    """
    if not settings.DEBUG:
        raise RuntimeError("The demo superuser exists only in development (DEBUG on).")
    username, password = DEMO_ADMIN
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is not None:
        return user, False
    return User.objects.create_superuser(username, "admin@example.invalid", password), True
