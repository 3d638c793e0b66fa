from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from goodpractice.practices.demo import (
    DEMO_ADMIN,
    ensure_demo_superuser,
    ensure_prerequisites,
    load_practices,
    mark_featured,
)
from goodpractice.practices.demo.adoptions import load_adoptions
from goodpractice.practices.demo.prize import (
    DEMO_JURY,
    DEMO_JURY_PASSWORD,
    load_prize_rounds,
    load_scoring_round,
)


class Command(BaseCommand):
    help = gettext_lazy(
        "Load the demo practices, adoptions and prize rounds (idempotent) and, in development "
        "only (DEBUG on), the demo superuser and jury."
    )

    def handle(self, *args, **options):
        ensure_prerequisites()
        report = load_practices()
        for error in report.errors:
            self.stderr.write(str(error))
        self.stdout.write(_("demo practices: %(summary)s") % {"summary": report.summary()})
        if report.failed:
            raise CommandError(_("the demo data did not load completely"), returncode=1)
        featured = mark_featured()
        if featured:
            self.stdout.write(_("featured: %(count)d") % {"count": featured})
        adoptions = load_adoptions()
        self.stdout.write(_("demo adoptions: %(summary)s") % {"summary": adoptions.summary()})
        prize = load_prize_rounds()
        self.stdout.write(_("demo prize rounds: %(summary)s") % {"summary": prize.summary()})
        scoring = load_scoring_round()
        self.stdout.write(
            _("demo jury round in scoring: %(summary)s") % {"summary": scoring.summary()}
        )

        admin_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/admin/"
        if not settings.DEBUG:
            self.stdout.write(_("No demo superuser: DEBUG is off."))
            return
        user, _created = ensure_demo_superuser()
        username, password = DEMO_ADMIN
        if user.check_password(password):
            message = _("Admin: %(url)s (username %(username)s, password %(password)s)")
        else:
            message = _("Admin: %(url)s (user %(username)s exists with its own password)")
        self.stdout.write(message % {"url": admin_url, "username": username, "password": password})
        self.stdout.write(
            _("Demo jury: %(usernames)s (password %(password)s)")
            % {
                "usernames": ", ".join(row[0] for row in DEMO_JURY),
                "password": DEMO_JURY_PASSWORD,
            }
        )
