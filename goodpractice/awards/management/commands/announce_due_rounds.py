from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from goodpractice.awards.announcement import announce_due_rounds


class Command(BaseCommand):
    help = gettext_lazy(
        "Link the winners of rounds whose announcement date has come to the knowledge base "
        "and reindex them. Safe to run daily; rounds already handled are skipped."
    )

    def handle(self, *args, **options):
        rounds = announce_due_rounds()
        self.stdout.write(
            _("Announcements carried out: %(count)d%(years)s")
            % {
                "count": len(rounds),
                "years": f" ({', '.join(str(r.year) for r in rounds)})" if rounds else "",
            }
        )
