import os

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM calls from
# fixtures in that thread are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def _build_site():
    from goodpractice.organisations.reference import load_organisations
    from goodpractice.practices.reference import load_taxonomy
    from home.site_setup import ensure_site_structure

    load_organisations()
    load_taxonomy()
    return ensure_site_structure()


# The data migrations' functions, in order; each is idempotent. They run after the page
# tree exists, because page permissions and the workflow go on the practice indexes.
MIGRATION_DATA = [
    ("goodpractice.organisations.migrations.0004_groups", "create_groups"),
    ("goodpractice.awards.migrations.0002_groups", "create_groups"),
    ("goodpractice.awards.migrations.0007_jury_group_without_model_permissions", "forwards"),
    ("goodpractice.practices.migrations.0003_practice_moderation_workflow", "create_workflow"),
    ("goodpractice.practices.migrations.0005_adoption", "give_editors_adoptions"),
    ("goodpractice.privacy.migrations.0002_editors_manage_personal_data", "grant"),
    ("home.migrations.0003_public_sector_pages", "give_editors_feedback"),
]
_migrated_apps = []


def _restore_migration_data():
    import importlib

    from django.db import connection
    from django.db.migrations.loader import MigrationLoader

    if not _migrated_apps:
        # The models as the migrations see them, built once: the functions are written
        # for that registry and may adjust its app configs.
        _migrated_apps.append(MigrationLoader(connection).project_state().apps)
    for module, function in MIGRATION_DATA:
        getattr(importlib.import_module(module), function)(_migrated_apps[0], None)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load reference data and the page tree once; each test's changes are rolled back.

    pytest-django runs transactional tests (which empty the tables) after all others,
    and `live_site` loads the data again for them.
    """
    with django_db_blocker.unblock():
        _build_site()


@pytest.fixture
def site(db):
    """Reference data and the home and practice index pages in fi, sv and en."""
    from home.site_setup import ensure_site_structure

    return ensure_site_structure()


@pytest.fixture
def live_site(transactional_db, live_server, settings):
    """The same for browser tests, which need committed data and a running server.

    A transactional test empties every table after it, so what the data migrations
    created (groups, their permissions, the moderation workflow) is put back too. The
    live server's address is the site's canonical address (SITE_URL, the Wagtail Site),
    so absolute links in pages and e-mails lead back to it.
    """
    settings.SITE_URL = settings.WAGTAILADMIN_BASE_URL = live_server.url
    _build_site()
    _restore_migration_data()
    return live_server


@pytest.fixture
def private_files(tmp_path):
    """Nomination attachments stored in a folder of the test's own; yields that folder.

    A FileField's storage is built once at start-up, so it is swapped on the field.
    """
    from goodpractice.awards.models import NominationAttachment
    from goodpractice.private_storage import PrivateStorage

    field = NominationAttachment._meta.get_field("file")
    original = field.storage
    field.storage = PrivateStorage(location=tmp_path / "private")
    yield tmp_path / "private"
    field.storage = original
