import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from search import finnish
from search.engine import launcher


class Command(BaseCommand):
    help = (
        "Start, stop or inspect the project's own search engine node (var/search/). "
        "`start` prints progress, then the engine's URL as the last line of stdout."
    )
    # Starting the engine must not depend on the database or the rest of the project.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["start", "stop", "status"])
        parser.add_argument(
            "--engine",
            choices=launcher.KINDS,
            default=None,
            help="Default: settings.SEARCH_ENGINE if it names one of these, else opensearch.",
        )
        parser.add_argument(
            "--port",
            type=int,
            default=None,
            help="HTTP port; must be free. Default 9200 (opensearch) or 9201 (elasticsearch), "
            "or the next free one if that is taken by another program.",
        )
        parser.add_argument(
            "--timeout", type=float, default=None, help="Seconds to wait for health on start."
        )

    def handle(self, *args, action, engine=None, port=None, timeout=None, **options):
        if engine is None:
            configured = getattr(settings, "SEARCH_ENGINE", "")
            engine = configured if configured in launcher.KINDS else "opensearch"
        say = self.stdout.write
        try:
            if action == "start":
                url = launcher.start(engine, port, timeout=timeout, log=say)
                say(url)
            elif action == "stop":
                launcher.stop(engine, log=say)
            else:
                # The site's own analysis beside the node's state: whether Finnish has
                # Voikko's base forms or falls back to Snowball.
                status = {**launcher.status(engine), **finnish.status()}
                say(json.dumps(status, indent=2, ensure_ascii=False))
        except launcher.SearchEngineError as exc:
            raise CommandError(str(exc)) from exc
