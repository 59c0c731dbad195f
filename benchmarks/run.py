"""The performance benchmark, `make bench`: the busiest pages on the real stack, at national scale.

scripts/bench.sh runs it on a throwaway PostgreSQL and Redis. It loads the scale data set (seed_scale), serves the
portal with gunicorn and production settings on loopback, and drives each page with wrk at a fixed concurrency, in
interleaved repeats between runs of a view that does no work (benchmarks.load); it counts every SQL statement and
the CPU time of each process per request (benchmarks.meter). Then it follows one web worker's memory over 10,000
requests to one page, and times a Celery worker on notification e-mails and on no-op tasks (benchmarks.workers).
Each figure is also given as a ratio to a baseline measured by the same run on the same machine, so the ratios hold
from one machine to the next. It prints the results and writes them to benchmarks/results.md
(benchmarks.report). Everything is on 127.0.0.1, bounded in time, and stopped at the end.

    python -m benchmarks.run --help

Needs DATABASE_URL, CELERY_BROKER_URL and REDIS_URL, PostgreSQL with pg_stat_statements loaded, and wrk.
"""

import argparse
import os
import secrets
import shutil
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# Production settings, on plain HTTP over loopback: the secret is made for the run, HTTPS is not redirected to.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("LOG_LEVEL", "WARNING")


def parse_args(argv=None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    data = parser.add_argument_group("data set (manage.py seed_scale)")
    data.add_argument("--staff", type=int, default=200_000)
    data.add_argument("--applications", type=int, default=1_000_000)
    data.add_argument("--programmes", type=int, default=500)
    data.add_argument("--cohorts", type=int, default=5_000)
    data.add_argument("--systems", type=int, default=42)
    data.add_argument("--enrolments", type=int, default=50_000)
    load = parser.add_argument_group("load")
    load.add_argument("--repeats", type=int, default=5, help="interleaved repeats of every page")
    load.add_argument("--duration", type=float, default=3, help="seconds of load on a page in each repeat")
    load.add_argument("--warmup", type=float, default=2, help="seconds of load on each page before the repeats")
    load.add_argument("--connections", type=int, default=8, help="wrk's fixed concurrency")
    load.add_argument("--workers", type=int, default=2 * (os.cpu_count() or 1) + 1, help="gunicorn sync workers")
    load.add_argument("--memory-requests", type=int, default=10_000)
    load.add_argument("--memory-checkpoint", type=int, default=1_000)
    load.add_argument("--tasks", type=int, default=10_000, help="Celery tasks of each kind")
    parser.add_argument("--output", type=Path, default=REPO / "benchmarks" / "results.md")
    return parser.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(argv)
    started, load = time.monotonic(), os.getloadavg()[0]
    if not shutil.which("wrk"):
        sys.exit("benchmark: wrk is not installed (Debian's package wrk; scripts/bench.sh installs it)")
    import django

    django.setup()
    from .load import gunicorn, measure
    from .meter import Meter
    from .pages import MEMORY_PAGE, make_pages
    from .report import render
    from .workers import celery_throughput, memory_growth, worker_memory, workers_of

    seeding = prepare(args)
    with gunicorn(args.workers) as server:
        pages = make_pages(server.page)
        measure(server, pages, args, Meter(gunicorn_pid=server.process.pid))
        memory = {"peak": max(worker_memory(pid)["VmHWM"] for pid in workers_of(server.process.pid))}
    memory |= memory_growth(next(page for page in pages if page.name == MEMORY_PAGE), args)
    celery = celery_throughput(args.tasks)
    report = render(pages, memory, celery, args, seeding, time.monotonic() - started, (load, os.getloadavg()[0]))
    print(report)
    args.output.write_text(report)
    print(f"Written to {args.output}")
    return 0


def prepare(args) -> float:
    """Migrates, collects static files, loads the catalogue and the scale data set; returns the seconds it took."""
    from django.core.management import call_command

    started = time.monotonic()
    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command("load_catalogue")
    shape = ("staff", "applications", "programmes", "cohorts", "systems", "enrolments")
    call_command("seed_scale", force=True, **{name: getattr(args, name) for name in shape})
    return time.monotonic() - started


if __name__ == "__main__":
    sys.exit(main())
