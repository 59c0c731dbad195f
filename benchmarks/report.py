"""The benchmark's results as Markdown: benchmarks/results.md, and what the README's Performance section quotes."""

import os
import platform
import statistics
from datetime import datetime
from pathlib import Path

from .pages import FLOOR, FLOOR_PAGE, Page

PROCESSES = ("gunicorn", "PostgreSQL", "Redis", "wrk")


def median(values) -> float:
    return statistics.median(list(values))


def spread(ratios: list[float]) -> str:
    return f"{median(ratios):.2f}× ({min(ratios):.2f}–{max(ratios):.2f})"


def met(value: float, target: float, higher_is_better: bool = True) -> str:
    if value >= target if higher_is_better else value <= target:
        return "met"
    return f"**not met**: {value / target:.0%} of it" if higher_is_better else "**not met**"


def floor_ratios(page: Page, floor: Page) -> list[float]:
    """The page's throughput over the signed-in floor's, repeat by repeat."""
    return [mine["ratio"] / theirs["ratio"] for mine, theirs in zip(page.samples, floor.samples, strict=True)]


def page_row(page: Page, floor: Page) -> str:
    samples = page.samples
    ratios = [sample["ratio"] for sample in samples]
    versus_floor = floor_ratios(page, floor) if page.cookie and page is not floor else []
    target = ""
    if page.target:
        achieved = median(versus_floor if page.target.versus == FLOOR else ratios)
        whose = "the floor" if page.target.versus == FLOOR else "no-work"
        target = f"≥ {page.target.ratio:g}× {whose} ({met(achieved, page.target.ratio)})"
    address = f"`{page.path}`" + (f", a new address each request ({sum(s['requests'] for s in samples):,} drawn)"
                                  if page.rotating else "")
    cpu = " / ".join(f"{median(s['cpu'][name] for s in samples):.1f}" for name in PROCESSES)
    return (
        f"| {page.name} | {address} | {median(s['rps'] for s in samples):,.0f} | "
        f"{median(s['p50'] for s in samples):.1f} | {median(s['p95'] for s in samples):.1f} | "
        f"{'' if all(s['counted_all'] for s in samples) else '≥ '}{median(s['queries'] for s in samples):.1f} | "
        f"{cpu} | {spread(ratios)} | "
        f"{spread(versus_floor) if versus_floor else ''} | {target} |"
    )


def summary(args, seeding: float, seconds: float, load: tuple) -> list[str]:
    from enrolment.models import Application, Cohort
    from portal.models import StaffProfile
    from programmes.models import Programme

    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    return [
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
        f"{args.connections} connections, {args.repeats} interleaved repeats of {args.duration:g} s a page, after "
        f"{args.warmup:g} s of warm-up each.",
        "",
        "How to read it: each figure is the median of the repeats. *× no-work* is the page's throughput over the "
        "no-work view's, measured just before and just after it in the same repeat: the median, then the lowest "
        "and highest of the repeats. *× floor* is a signed-in page's over the signed-in no-work view's (reading the "
        "session and the person with their roles, and nothing else) in the same repeat. A fixed address is served "
        "from the page or figures cache after its first request; the rows *not seen before* ask for a new address "
        "every request (facets, search words and report filters drawn with a fixed seed from the page's own "
        "choices), so each is a cache miss. Queries are every statement PostgreSQL ran (pg_stat_statements: health "
        "checks and transaction control included) over the requests answered. CPU is milliseconds a request of "
        "each process: gunicorn (master and workers), PostgreSQL (all its processes), Redis, and wrk itself. Any "
        "answer other than a 200 with the page's own text (the signed-in person's name) stops the run.",
    ]


def render(pages: list[Page], memory: dict, celery: dict, args, seeding: float, seconds: float, load: tuple) -> str:
    floor = next(page for page in pages if page.name == FLOOR_PAGE)
    celery_ratio = celery["email"] / celery["no_op"]
    return "\n".join([
        *summary(args, seeding, seconds, load),
        "",
        "| page | address | requests/s | p50 ms | p95 ms | queries/request | CPU ms/request: "
        f"{' / '.join(PROCESSES)} | × no-work | × floor | target |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
        *(page_row(page, floor) for page in pages),
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
    ])
