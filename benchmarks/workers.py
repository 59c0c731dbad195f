"""One web worker's memory over many requests, and one Celery worker's throughput: the benchmark's last steps."""

import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .load import REPO, VENV_BIN, gunicorn, stop
from .pages import Page

QUEUE = "benchmark"
MIB = 1024 * 1024
MARKS = ("no-op-start", "no-op-end", "email-start", "email-end")


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
