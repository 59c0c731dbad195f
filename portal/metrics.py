"""What Prometheus scrapes at /metrics (prometheus_client, the Prometheus project's own Python library).

- portal_request_duration_seconds: each web request's time, by method, route name and status class. Under
  gunicorn, set PROMETHEUS_MULTIPROC_DIR (an empty folder per host) so that every worker process's figures add up
  in any one worker's answer (config/gunicorn.py removes a dead worker's).
- portal_outbox_backlog, portal_queue_depth, portal_replica_lag_seconds: read from the database, the broker and
  the replica when scraped, so every web node gives the cluster's own figures.
- portal_emails_sent_total, portal_emails_failed_total, portal_lock_timeouts_total: events that happen in any
  process on any host (a Celery worker sends the e-mails), counted in the shared cache (Redis) and read when
  scraped. A cache that was emptied starts them again from zero, which Prometheus's rate() takes as a reset.

The endpoint answers only a request bearing METRICS_TOKEN (portal.views.metrics): Prometheus usually scrapes from
another host, and behind the load balancer every request comes from the balancer's address, so "localhost only"
would either refuse Prometheus or let everyone in.
"""

import logging
import os
import time

from celery import current_app
from django.core.cache import cache
from django.db import connections
from django.db.models import Count, Q
from kombu.exceptions import ChannelError
from prometheus_client import CollectorRegistry, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import Collector

logger = logging.getLogger(__name__)

REQUEST_SECONDS = Histogram(
    "portal_request_duration_seconds",
    "Time to answer a web request, by method, route name and status class.",
    ["method", "route", "status"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
    registry=None,  # each scrape builds its registry (exposition)
)
EVENTS = {
    "emails_sent": "E-mails sent (portal.notifications).",
    "emails_failed": "E-mail sends that failed (the task retries them).",
    "lock_timeouts": "Row locks not granted within LOCK_TIMEOUT_MS (portal.locking): a 'try again' answer.",
}
REPLICA = "replica"  # the database alias of the read replica, when the settings have one
REPLICA_LAG = """
    SELECT CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0
                ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0) END
"""


class RequestMetricsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        match = request.resolver_match
        REQUEST_SECONDS.labels(
            method=request.method if request.method in ("GET", "HEAD", "POST") else "other",
            route=match.view_name if match else "none",
            status=f"{response.status_code // 100}xx",
        ).observe(time.perf_counter() - started)
        return response


def _event_key(name: str) -> str:
    return f"metrics:{name}"


def metrics_count(name: str) -> None:
    """One more of the event `name` (EVENTS), across the cluster. Never fails its caller: a metric is not worth
    an error page or a retried e-mail."""
    try:
        cache.add(_event_key(name), 0, timeout=None)
        cache.incr(_event_key(name))
    except Exception as error:  # Redis down, or the key evicted between add and incr
        logger.debug("Metric %s not counted: %s", name, type(error).__name__)


def outbox_backlog() -> dict[str, int]:
    from .models import OutboxMessage

    return OutboxMessage.objects.aggregate(
        waiting=Count("pk", filter=Q(published_at__isnull=True, failed_at__isnull=True)),
        published=Count("pk", filter=Q(published_at__isnull=False, failed_at__isnull=True)),
        failed=Count("pk", filter=Q(failed_at__isnull=False)),
    )


def queue_depths() -> dict[str, int]:
    """Messages waiting in each queue the workers read; empty when the broker cannot be reached."""
    names = {current_app.conf.task_default_queue, *current_app.amqp.queues}
    try:
        with current_app.connection_for_read() as broker:
            return {name: _depth(broker.default_channel, name) for name in sorted(names)}
    except Exception as error:  # whatever the broker's failure, the figure is absent, not an error
        logger.warning("Queue depth unavailable: %s", type(error).__name__)
        return {}


def _depth(channel, queue: str) -> int:
    try:
        return channel.queue_declare(queue=queue, passive=True).message_count
    except ChannelError:  # no such queue yet: nothing was ever sent to it
        return 0


def replica_lag() -> float | None:
    """Seconds the replica's replay is behind its primary; None when there is no replica or it cannot answer."""
    if REPLICA not in connections.databases:
        return None
    try:
        with connections[REPLICA].cursor() as cursor:
            cursor.execute(REPLICA_LAG)
            return float(cursor.fetchone()[0])
    except Exception as error:  # a replica down is shown by the metric's absence, and in the log
        logger.warning("Replica lag unavailable: %s", type(error).__name__)
        return None


class PortalCollector(Collector):
    """The figures read when scraped."""

    def collect(self):
        backlog = GaugeMetricFamily("portal_outbox_backlog", "Outbox messages by state.", labels=["state"])
        for state, count in outbox_backlog().items():
            backlog.add_metric([state], count)
        yield backlog
        depth = GaugeMetricFamily("portal_queue_depth", "Tasks waiting in the broker, by queue.", labels=["queue"])
        for queue, count in queue_depths().items():
            depth.add_metric([queue], count)
        yield depth
        counts = cache.get_many([_event_key(name) for name in EVENTS])
        for name, documentation in EVENTS.items():
            yield CounterMetricFamily(f"portal_{name}", documentation, value=int(counts.get(_event_key(name), 0)))
        lag = replica_lag()
        if lag is not None:
            yield GaugeMetricFamily("portal_replica_lag_seconds", "How far the read replica is behind.", value=lag)


def metrics_exposition() -> bytes:
    """The text Prometheus reads: this process's request times (every worker's, in multiprocess mode) and the
    figures PortalCollector reads."""
    registry = CollectorRegistry()
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        MultiProcessCollector(registry)
    else:
        registry.register(REQUEST_SECONDS)
    registry.register(PortalCollector())
    return generate_latest(registry)
