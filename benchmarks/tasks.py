"""Tasks only the benchmark's Celery worker loads (celery worker --include benchmarks.tasks)."""

import time

from celery import shared_task
from django.core.cache import cache

MARK_KEY = "benchmark:mark:{}"


@shared_task
def no_op() -> None:
    """The ceiling: what a task costs the broker and worker alone."""


@shared_task
def mark(name: str) -> None:
    """Records when the worker reached this point of the queue, for the driver to time the tasks in between."""
    cache.set(MARK_KEY.format(name), time.time(), 3600)
