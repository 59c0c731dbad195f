"""Reports read a streaming replica, when there is one and it is not behind; everything else uses the primary.

REPLICA_DATABASE_URL adds the "replica" database alias (config/settings/base.py) and ReplicaRouter. Work run through
`from_replica` (the ICS and national reports, their exports and funnels, once who is asking may see them) sends its
reads there, while:
- every write, and every read inside a transaction (so every read under a lock), stays on the primary;
- the replica is used only while its lag is within REPLICA_MAX_LAG_SECONDS: everything it has received is replayed,
  or the last transaction it replayed committed no longer ago than that, and it is streaming from the primary.
  The lag is measured at most once every REPLICA_CHECK_SECONDS per process and kept in memory till then;
- a replica that is down, or fails mid-request, is taken as behind: the work is done again on the primary.

Without REPLICA_DATABASE_URL nothing here is installed and `from_replica` changes nothing.
"""

import logging
import threading
import time
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, InterfaceError, OperationalError, connections

logger = logging.getLogger(__name__)

REPLICA = "replica"
# On the replica: is it one, is it streaming, has it replayed all it received, and how long ago did the last
# transaction it replayed commit on the primary (NULL before the first).
LAG_QUERY = """
SELECT pg_is_in_recovery(),
       EXISTS (SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming'),
       pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn(),
       EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp())
"""

_reading_reports: ContextVar[bool] = ContextVar("reading_reports", default=False)


class _LagCheck:
    """Whether the replica may be read, measured at most once every REPLICA_CHECK_SECONDS in this process."""

    def __init__(self):
        self._lock = threading.Lock()
        self._checked_at = float("-inf")
        self._usable = False

    def usable(self) -> bool:
        with self._lock:
            if time.monotonic() - self._checked_at >= settings.REPLICA_CHECK_SECONDS:
                self._usable = _within_lag_bound()
                self._checked_at = time.monotonic()
            return self._usable

    def mark_down(self) -> None:
        with self._lock:
            self._usable = False
            self._checked_at = time.monotonic()


lag_check = _LagCheck()


def _within_lag_bound() -> bool:
    replica = connections[REPLICA]
    try:
        with replica.cursor() as cursor:
            cursor.execute(LAG_QUERY)
            recovering, streaming, all_replayed, seconds_behind = cursor.fetchone()
    except DatabaseError as error:
        logger.warning("Replica unavailable (%s): reports read the primary", type(error).__name__)
        replica.close()
        return False
    caught_up = all_replayed or (seconds_behind is not None and seconds_behind <= settings.REPLICA_MAX_LAG_SECONDS)
    usable = bool(recovering and streaming and caught_up)
    if not usable:
        logger.info("Replica behind or not streaming (%s s): reports read the primary", seconds_behind)
    return usable


class ReplicaRouter:
    """DATABASE_ROUTERS, when there is a replica: reads in `from_replica` go there, all else to the primary."""

    def db_for_read(self, model, **hints):
        if _reading_reports.get() and not connections[DEFAULT_DB_ALIAS].in_atomic_block and lag_check.usable():
            return REPLICA
        return DEFAULT_DB_ALIAS

    def db_for_write(self, model, **hints):
        return DEFAULT_DB_ALIAS  # even for a row read from the replica (Django would otherwise save it there)

    def allow_relation(self, obj1, obj2, **hints):
        return True  # both hold the same rows

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS  # the replica replays the primary's migrations


@contextmanager
def replica_reads():
    """Within it, reads outside a transaction may go to the replica (when there is one, and it is not behind)."""
    token = _reading_reports.set(True)
    try:
        yield
    finally:
        _reading_reports.reset(token)


def from_replica(work):
    """Returns work(), its reads sent to the replica (when there is one, and it is not behind). A report's figures
    and the refresh they come from, not who may see them: check that first, on the primary, where a revoked role is
    seen at once. If the replica fails, it is taken as behind and work() runs again on the primary, so work must
    only read (a write there would be made twice)."""
    if REPLICA not in settings.DATABASES:
        return work()
    try:
        with replica_reads():
            return work()
    except (OperationalError, InterfaceError) as error:
        logger.warning("Replica failed (%s): read again from the primary", type(error).__name__)
        lag_check.mark_down()
        connections[REPLICA].close()
        return work()
