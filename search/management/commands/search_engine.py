import json

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from search import finnish
from search.documents import alias_name
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
        parser.add_argument(
            "--nodes",
            type=int,
            default=1,
            help="start: a cluster of this many OpenSearch nodes (HTTP ports from --port, "
            "transport ports 100 above) instead of the single node; prints their URLs, "
            "comma-separated, for SEARCH_URL. `start --nodes 3` again restarts a lost node.",
        )

    def handle(self, *args, action, engine=None, port=None, timeout=None, nodes=1, **options):
        if engine is None:
            configured = getattr(settings, "SEARCH_ENGINE", "")
            engine = configured if configured in launcher.KINDS else "opensearch"
        say = self.stdout.write
        try:
            if action == "start" and nodes > 1:
                if engine != "opensearch":
                    raise CommandError("--nodes runs OpenSearch nodes only")
                say(launcher.start_cluster(nodes, port, timeout=timeout, log=say))
            elif action == "start":
                url = launcher.start(engine, port, timeout=timeout, log=say)
                say(url)
            elif action == "stop":
                launcher.stop(engine, log=say, cluster=True)
            else:
                # The site's own analysis beside the node's state: whether Finnish has
                # Voikko's base forms or falls back to Snowball.
                status = {**launcher.status(engine, index=alias_name()), **finnish.status()}
                say(json.dumps(status, indent=2, ensure_ascii=False))
        except launcher.SearchEngineError as exc:
            raise CommandError(str(exc)) from exc
