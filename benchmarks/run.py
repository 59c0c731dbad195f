"""The performance benchmark, `make bench`: the busiest pages on the real stack, at national scale.

scripts/bench.sh runs it on a throwaway PostgreSQL and Redis. It loads the scale data set (seed_scale), serves the
portal with gunicorn and production settings on loopback, and drives each page with wrk at a fixed concurrency for
a fixed time; then it follows one web worker's memory over 10,000 requests to one page, and times a Celery worker
on notification e-mails and on no-op tasks. Each figure is also given as a ratio to a baseline measured by the same
run on the same machine (a view that does no work; no-op tasks), so the ratios hold from one machine to the next.
It prints the results and writes them to benchmarks/results.md. Everything is on 127.0.0.1, bounded in time, and
stopped at the end.

    python -m benchmarks.run --help

Needs DATABASE_URL, CELERY_BROKER_URL and REDIS_URL, and wrk on the PATH.
"""

import argparse
import http.client
import json
import os
import platform
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
WRK_SCRIPT = Path(__file__).resolve().parent / "wrk_report.lua"
QUEUE = "benchmark"
MIB = 1024 * 1024
MARKS = ("no-op-start", "no-op-end", "email-start", "email-end")
MEMORY_PAGE = "ICS dashboard (ICS lead)"  # the page whose worker memory is followed over 10,000 requests

# Production settings, on plain HTTP over loopback: the secret is made for the run, HTTPS is not redirected to.
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")
os.environ.setdefault("SECRET_KEY", secrets.token_urlsafe(50))
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
os.environ.setdefault("LOG_LEVEL", "WARNING")


@dataclass
class Page:
    name: str
    path: str
    target: float | None = None  # the least throughput it should have, as a ratio to the no-work view's
    cookie: str = ""  # a session cookie: the page as a signed-in person sees it
    expect: str = ""  # text the page must contain, proving it is the page meant (the person's own name)
    queries: int | None = None  # per request as served: from the page cache if it has one
    uncached_queries: int | None = None
    load: dict = field(default_factory=dict)
    ceiling: float = 0.0  # the no-work view's requests/s, measured just before and just after this page's


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
    load.add_argument("--duration", type=float, default=10, help="seconds of load on each page")
    load.add_argument("--warmup", type=float, default=2, help="seconds of load before each page's measurement")
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
    seeding = prepare(args)
    pages = make_pages()
    count_queries(pages)
    with gunicorn(args.workers) as server:
        for page in pages:
            check(server, page)
        # The no-work view before and after every page: each page's ratio is to the two around it, so other work
        # that starts or stops on the machine during the run moves both sides of a ratio alike.
        baseline, *others = pages
        ceilings = [measure(server, baseline, args)]
        for page in others:
            page.load = measure(server, page, args)
            ceilings.append(measure(server, baseline, args))
            page.ceiling = (ceilings[-2]["rps"] + ceilings[-1]["rps"]) / 2
        baseline.load = {key: statistics.mean(figures[key] for figures in ceilings) for key in ceilings[0]}
        baseline.ceiling = baseline.load["rps"]
        memory = {"peak": max(worker_memory(pid)["VmHWM"] for pid in workers_of(server.process.pid))}
    memory_page = next(page for page in pages if page.name == MEMORY_PAGE)
    memory |= memory_growth(memory_page, args)
    celery = celery_throughput(args.tasks)
    report = render(pages, memory, celery, args, seeding, time.monotonic() - started, (load, os.getloadavg()[0]))
    print(report)
    args.output.write_text(report)
    print(f"Written to {args.output}")
    return 0


# ----------------------------------------------------------------------------------------------------------------
# Data, people and pages


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


def make_pages() -> list[Page]:
    """The baselines first, then the pages; the catalogue and programme pages as a visitor, not signed in."""
    from django.contrib.staticfiles.storage import staticfiles_storage
    from django.urls import reverse

    from devdata.scale import EMAIL, benchmark_ics_lead
    from enrolment.models import Application
    from portal.models import User

    lead, ics = benchmark_ics_lead()
    applicant = User.objects.get(email=EMAIL.format(0))
    most_popular = (  # the scale data set's programme 001, with the most cohorts and applications
        Application.objects.filter(programme__slug__startswith="demo-scale")
        .values_list("programme__slug", flat=True)
        .order_by("programme__slug")
        .first()
    )
    catalogue = reverse("programmes:list")
    lead_cookie, applicant_cookie = session(lead), session(applicant)
    return [
        Page("No-work view (baseline)", reverse("benchmark_no_work")),
        Page("Static file through whitenoise", staticfiles_storage.url("css/portal.css")),
        Page("Catalogue, no filter", catalogue, 0.5),
        Page("Catalogue, three facets", f"{catalogue}?format=blended&region=london&open_now=yes", 0.5),
        Page("Catalogue, text search", f"{catalogue}?q=leadership", 0.5),
        Page("Programme page", reverse("programmes:detail", args=[most_popular]), 0.5),
        Page("Catalogue, no filter, signed in (staff)", catalogue, None, applicant_cookie, applicant.full_name),
        Page("Signed-in no-work view (ICS lead)", reverse("benchmark_signed_in_no_work"), None, lead_cookie,
             lead.full_name),
        Page(MEMORY_PAGE, reverse("reporting:ics_dashboard", args=[ics.slug]), 0.2, lead_cookie, lead.full_name),
        Page("My applications (signed in)", reverse("enrolment:applications"), None, applicant_cookie,
             applicant.full_name),
    ]


def session(user) -> str:
    """A signed-in session of `user` as its Cookie header, sent over plain HTTP although the cookie is Secure."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def count_queries(pages: list[Page]) -> None:
    """Queries per request, through Django's test client: with the page cache emptied, then as served."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from enrolment.discovery.cache import catalogue_changed

    for page in pages:
        if page.path.startswith("/static/"):
            page.queries = page.uncached_queries = 0
            continue
        client = Client(HTTP_HOST="127.0.0.1")
        client.cookies.load(page.cookie)
        catalogue_changed()
        counts = []
        for _ in range(2):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(page.path)
            if response.status_code != 200:
                sys.exit(f"benchmark: {page.path} answered {response.status_code} to the test client")
            counts.append(len(queries))
        page.uncached_queries, page.queries = counts


# ----------------------------------------------------------------------------------------------------------------
# The web server and the load


@dataclass
class Server:
    port: int
    process: subprocess.Popen

    def get(self, path: str, cookie: str = "") -> tuple[int, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.request("GET", path, headers={"Cookie": cookie} if cookie else {})
            response = connection.getresponse()
            return response.status, response.read().decode(errors="replace")
        finally:
            connection.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class gunicorn:  # noqa: N801 - used as a context manager, like open()
    """gunicorn serving config.wsgi with the benchmark's settings on 127.0.0.1, stopped on leaving."""

    def __init__(self, workers: int):
        self.workers = workers

    def __enter__(self) -> Server:
        port = free_port()
        command = [
            str(VENV_BIN / "gunicorn"), "config.wsgi:application", "--bind", f"127.0.0.1:{port}",
            "--workers", str(self.workers), "--worker-class", "sync", "--timeout", "60", "--log-level", "warning",
        ]
        self.server = Server(port, subprocess.Popen(command, cwd=REPO))  # noqa: S603 - fixed arguments
        deadline = time.monotonic() + 60
        while True:
            try:
                self.server.get("/benchmark/no-work/")
                break
            except OSError:
                if self.server.process.poll() is not None or time.monotonic() > deadline:
                    sys.exit("benchmark: gunicorn did not start")
                time.sleep(0.2)
        return self.server

    def __exit__(self, *exc):
        stop(self.server.process)


def stop(process: subprocess.Popen) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def check(server: Server, page: Page) -> None:
    """The page answers 200 over HTTP, and a signed-in page is that person's: a load test of a redirect to the
    login page would measure nothing."""
    status, body = server.get(page.path, page.cookie)
    if status != 200 or page.expect not in body:
        sys.exit(f"benchmark: {page.name} ({page.path}) answered {status}, expected 200 with {page.expect!r}")


def wrk(server: Server, page: Page, seconds: float, connections: int) -> dict:
    command = [
        "wrk", "-t1", f"-c{connections}", f"-d{max(1, round(seconds))}s", "--timeout", "10s", "-s", str(WRK_SCRIPT),
        *(["-H", f"Cookie: {page.cookie}"] if page.cookie else []), f"http://127.0.0.1:{server.port}{page.path}",
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True, timeout=seconds + 60)  # noqa: S603
    figures = json.loads(output.stdout.strip().splitlines()[-1])
    errors = sum(figures[kind] for kind in ("connect", "read", "write", "status", "timeout"))
    if errors:
        sys.exit(f"benchmark: {errors} errors on {page.name}:\n{output.stdout}")
    return {
        "rps": figures["requests"] / figures["seconds"],
        "p50": figures["p50_us"] / 1000,
        "p95": figures["p95_us"] / 1000,
        "requests": figures["requests"],
    }


def measure(server: Server, page: Page, args) -> dict:
    if args.warmup > 0:
        wrk(server, page, args.warmup, args.connections)
    figures = wrk(server, page, args.duration, args.connections)
    print(f"  {page.name:<36} {figures['rps']:8.0f} requests/s  p50 {figures['p50']:6.1f} ms  "
          f"p95 {figures['p95']:6.1f} ms", flush=True)
    return figures


# ----------------------------------------------------------------------------------------------------------------
# Memory


def workers_of(master: int) -> list[int]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return [int(pid) for pid in children]


def worker_memory(pid: int) -> dict[str, float]:
    """VmRSS (now) and VmHWM (peak) of a process, in MiB."""
    lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    values = dict(line.split(":", 1) for line in lines if line.startswith(("VmRSS", "VmHWM")))
    return {name: int(value.split()[0]) * 1024 / MIB for name, value in values.items()}


def memory_growth(page: Page, args) -> dict:
    """One worker's resident memory after the checkpoint-th and after the last of `memory_requests` requests to
    the page, sent two at a time."""
    with gunicorn(1) as server:
        (worker,) = workers_of(server.process.pid)
        rss = {}

        def one(number: int) -> None:
            status, _ = server.get(page.path, page.cookie)
            if status != 200:
                raise RuntimeError(f"{page.path} answered {status}")
            if number in (args.memory_checkpoint, args.memory_requests):
                rss[number] = worker_memory(worker)["VmRSS"]

        with ThreadPoolExecutor(max_workers=2) as pool:
            list(pool.map(one, range(1, args.memory_requests + 1)))
    first, last = rss[args.memory_checkpoint], rss[args.memory_requests]
    return {"page": page.name, "first": first, "last": last, "growth": last / first - 1}


# ----------------------------------------------------------------------------------------------------------------
# Celery


def celery_throughput(count: int) -> dict:
    """Tasks per second of one worker (one process) on `count` no-op tasks, then `count` notification e-mails.

    Every task is queued before the worker starts, between marks whose tasks record when the worker reached them,
    so the worker's start-up is not timed. E-mails go to Django's dummy backend: the task's own work (its queries,
    the once-only delivery row, the templates) is measured, not a mail server's.
    """
    from django.core.cache import cache

    from benchmarks.tasks import MARK_KEY, mark, no_op
    from config.celery import app
    from enrolment.models import ApplicationEvent
    from enrolment.tasks import send_application_event_email
    from portal.models import EmailDelivery

    events = list(ApplicationEvent.objects.order_by("pk").values_list("pk", flat=True)[:count])
    if not events:
        sys.exit("benchmark: the data set has no application events to send e-mails for")
    events = (events * (count // len(events) + 1))[:count]
    keys = {f"application-event:{pk}" for pk in events}
    EmailDelivery.objects.filter(key__in=keys).delete()
    cache.delete_many([MARK_KEY.format(name) for name in MARKS])
    with app.connection_for_write() as connection:
        connection.default_channel.queue_purge(QUEUE)
        with app.producer_or_acquire() as producer:
            send = {"queue": QUEUE, "producer": producer}
            emails = [(pk,) for pk in events]
            batches = {"no-op": (no_op, [()] * count), "email": (send_application_event_email, emails)}
            for kind, (task, arguments) in batches.items():
                mark.apply_async((f"{kind}-start",), **send)
                for task_arguments in arguments:
                    task.apply_async(task_arguments, **send)
                mark.apply_async((f"{kind}-end",), **send)
    command = [
        str(VENV_BIN / "celery"), "-A", "config", "worker", "--pool", "prefork", "--concurrency", "1",
        "--queues", QUEUE, "--include", "benchmarks.tasks", "--without-gossip", "--without-mingle",
        "--without-heartbeat", "--loglevel", "WARNING",
    ]
    worker = subprocess.Popen(  # noqa: S603 - fixed arguments
        command, cwd=REPO, env={**os.environ, "EMAIL_URL": "dummymail://"}, stdout=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + max(120, count / 10)
        while cache.get(MARK_KEY.format("email-end")) is None:
            if worker.poll() is not None or time.monotonic() > deadline:
                sys.exit("benchmark: the Celery worker stopped or did not finish in time")
            time.sleep(0.2)
    finally:
        stop(worker)
        with app.connection_for_write() as connection:
            connection.default_channel.queue_purge(QUEUE)
    marks = {name: cache.get(MARK_KEY.format(name)) for name in MARKS}
    sent = EmailDelivery.objects.filter(key__in=keys, sent_at__isnull=False)
    return {
        "tasks": count,
        "no_op": count / (marks["no-op-end"] - marks["no-op-start"]),
        "email": count / (marks["email-end"] - marks["email-start"]),
        "sent": sent.count(),
    }


# ----------------------------------------------------------------------------------------------------------------
# The report


def met(value: float, target: float, higher_is_better: bool = True) -> str:
    ok = value >= target if higher_is_better else value <= target
    return "met" if ok else "**not met**"


def render(pages: list[Page], memory: dict, celery: dict, args, seeding: float, seconds: float, load: tuple) -> str:
    from enrolment.models import Application, Cohort
    from portal.models import StaffProfile
    from programmes.models import Programme

    rows = []
    for page in pages:
        ratio = page.load["rps"] / page.ceiling
        target = f"≥ {page.target:g}× ({met(ratio, page.target)})" if page.target else ""
        queries = f"{page.queries}" + (f" ({page.uncached_queries} uncached)" if page.uncached_queries != page.queries
                                       else "")
        rows.append(f"| {page.name} | `{page.path}` | {page.load['rps']:,.0f} | {page.load['p50']:.1f} | "
                    f"{page.load['p95']:.1f} | {queries} | {ratio:.2f}× | {target} |")
    celery_ratio = celery["email"] / celery["no_op"]
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    lines = [
        "# Benchmark results",
        "",
        f"The latest `make bench` on this machine, {datetime.now():%Y-%m-%d %H:%M}: {os.cpu_count()} cores "
        f"({cpu}), Python {platform.python_version()}, in {seconds / 60:.1f} minutes (loading the data set "
        f"{seeding / 60:.1f}). The machine's load average was {load[0]:.1f} at the start and {load[1]:.1f} at the end: "
        "other work on it lowers every figure, the ratios less.",
        "",
        f"Data set: {StaffProfile.objects.count():,} staff profiles, {Application.objects.count():,} applications, "
        f"{Programme.objects.count():,} programmes, {Cohort.objects.count():,} cohorts. Server: gunicorn, "
        f"{args.workers} sync workers, production settings, PostgreSQL and Redis on the same machine. Load: wrk, "
        f"{args.connections} connections, {args.duration:g} s a page after {args.warmup:g} s of warm-up. The "
        "catalogue and programme pages are a visitor's (not signed in), served from the page cache; *uncached* is "
        "what a change to the catalogue costs the next request. Each ratio is to the no-work view measured just "
        "before and just after the page (its row gives the mean of those runs). The signed-in no-work view is the "
        "floor of every signed-in page: it reads the session and loads the person with their roles, and does "
        "nothing else.",
        "",
        "| page | address | requests/s | p50 ms | p95 ms | queries/request | × no-work | target |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |",
        *rows,
        "",
        "| memory and Celery | figure | target |",
        "| --- | --- | --- |",
        f"| Web worker peak memory (VmHWM, largest of {args.workers}) after the run | {memory['peak']:.0f} MiB | |",
        f"| One worker's memory at the {args.memory_checkpoint:,}th and {args.memory_requests:,}th request to the "
        f"{memory['page']} | {memory['first']:.1f} → {memory['last']:.1f} MiB ({memory['growth']:+.1%}) | "
        f"within ±10% ({met(abs(memory['growth']), 0.10, higher_is_better=False)}) |",
        f"| Celery, one worker process: {celery['tasks']:,} no-op tasks | {celery['no_op']:,.0f} tasks/s | |",
        f"| Celery, one worker process: {celery['tasks']:,} notification e-mails ({celery['sent']:,} sent) | "
        f"{celery['email']:,.0f} tasks/s, {celery_ratio:.2f}× no-op | ≥ 0.5× ({met(celery_ratio, 0.5)}) |",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
