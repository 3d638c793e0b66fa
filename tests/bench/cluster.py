"""Cluster benchmark (a script, not a test): a search node lost under load, with figures.

A private three-node OpenSearch cluster (one replica), two gunicorn app servers with the
production settings and two task workers share one PostgreSQL database (tests/bench/load.py
seeds it). Searches go to /api/search/ of both servers while a practice is published every
0.3 s; then a data node is killed with SIGKILL and started again, then the elected cluster
manager. Printed for each: searches until the cluster was green again, failed searches and
searches answered from the database (both must be 0), p95 and max latency, practices
published meanwhile, seconds until the node is back and the cluster green, and whether the
index holds exactly the published practices.

    DATABASE_URL=postgres://goodpractice@127.0.0.1:54329/gp_bench \\
        .venv/bin/python tests/bench/cluster.py [--practices 1000] [--port 9240]
"""

import argparse
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

os.environ.setdefault("SEARCH_REPLICAS", "1")
from tests.bench import load  # noqa: E402  (sets the bench environment)
from tests.operations.scaleout import AppServer, PrivateCluster, Worker, lose_a_node  # noqa: E402


def _publish(number):
    from django.utils.crypto import get_random_string

    from tests.factories import make_practice

    slug = f"klusteri-{get_random_string(12, 'abcdefghijklmnopqrstuvwxyz')}"
    return make_practice(title=f"Perhekeskuksen kotikäynnit {number}", slug=slug).pk


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--practices", type=int, default=1000)
    parser.add_argument("--port", type=int, default=9240, help="first HTTP port of the cluster")
    parser.add_argument("--site-port", type=int, default=8781)
    parser.add_argument(
        "--search-timeout",
        default=load.SITE_SEARCH_TIMEOUT,
        help="the servers' SEARCH_TIMEOUT (seconds; production's default is 2)",
    )
    args = parser.parse_args()

    cluster = PrivateCluster("bench-cluster", port=args.port)
    os.environ["SEARCH_URL"] = cluster.start()
    load.prepare(args.practices, 50)
    env = dict(os.environ, SEARCH_TIMEOUT=str(args.search_timeout))
    servers = [AppServer(args.site_port + n, env, f"bench-cluster-server-{n}") for n in range(2)]
    workers = [Worker(env, f"bench-cluster-worker-{n}") for n in range(2)]
    try:
        for process in servers + workers:
            process.start()
        failed = 0
        for victim in ("data node", "cluster manager"):
            figures = lose_a_node(cluster, servers, _publish, victim)
            failed += len(figures["failed_searches"]) + len(figures["publish_errors"])
            exact = figures["indexed"] == figures["expected"]
            failed += not exact
            print(f"\n{victim} ({figures['node']}) killed with SIGKILL under load")
            print(
                f"  searches until green again {figures['searches_while_degraded']}, failed or "
                f"from the database {len(figures['failed_searches'])} "
                f"({figures['failed_before_restart']} before the restart), "
                f"p95 {figures['p95_ms']:.0f} ms, max {figures['max_ms']:.0f} ms"
            )
            print(
                f"  published meanwhile {figures['published_while_degraded']} "
                f"(of {figures['published']}), errors {figures['publish_errors'][:1]}"
            )
            print(
                f"  node back after {figures['restart_seconds']:.1f} s, cluster green "
                f"{figures['green_after_rejoin_seconds']:.1f} s later, elected manager now "
                f"{figures['new_manager']}"
            )
            print(
                f"  index = published practices: {exact} ({len(figures['indexed'])} documents, "
                f"caught up {figures['index_caught_up_seconds']:.1f} s after green)"
            )
        return 1 if failed else 0
    finally:
        for process in servers + workers:
            process.stop()
        cluster.stop()


if __name__ == "__main__":
    sys.exit(main())
