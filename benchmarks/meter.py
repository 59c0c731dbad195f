"""What a request costs beyond its time: the SQL statements PostgreSQL ran for it, and the CPU time of each process.

The statements are counted by PostgreSQL itself (pg_stat_statements, which scripts/services.sh loads for the
benchmark and the tests), so every one counts: the connection's health check, transaction control, the session's
and the cache's fallbacks, not only those Django's test client sees. The CPU time is read from /proc for each
process tree (gunicorn's master and workers, PostgreSQL's server and its backends, Redis), with the time of
children that ended meanwhile, and for wrk from this process's finished children.
"""

import os
import resource
import sys
from collections import defaultdict
from pathlib import Path

TICK_MS = 1000 / os.sysconf("SC_CLK_TCK")
STATEMENTS = """
    SELECT coalesce(sum(calls), 0), (SELECT dealloc FROM pg_stat_statements_info)
    FROM pg_stat_statements
    WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
      AND query NOT LIKE '%%pg_stat_statements%%'
"""


def _ticks(pid: int | str) -> tuple[int, int]:
    """(parent pid, CPU ticks of the process and of its children that ended)."""
    text = Path(f"/proc/{pid}/stat").read_text()
    fields = text[text.rindex(")") + 2:].split()  # the name, in brackets, may hold spaces
    return int(fields[1]), sum(int(ticks) for ticks in fields[11:15])  # utime, stime, cutime, cstime


def _processes() -> dict[int, tuple[int, int]]:
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                found[int(entry.name)] = _ticks(entry.name)
            except (OSError, ValueError):
                continue  # it ended while being read
    return found


def tree_ms(root: int, processes: dict[int, tuple[int, int]]) -> float:
    """CPU milliseconds of `root` and everything under it."""
    children = defaultdict(list)
    for pid, (parent, _) in processes.items():
        children[parent].append(pid)
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        total += processes.get(pid, (0, 0))[1]
        stack.extend(children[pid])
    return total * TICK_MS


def _children_ms() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (usage.ru_utime + usage.ru_stime) * 1000


class Meter:
    """Reads the counters before a measurement (start) and works out each request's share after (per_request)."""

    def __init__(self, *, gunicorn_pid: int):
        from django.db import connection
        from django.db.utils import DatabaseError

        try:
            with connection.cursor() as cursor:
                cursor.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements")
                cursor.execute("SELECT setting FROM pg_settings WHERE name = 'data_directory'")
                data_directory = Path(cursor.fetchone()[0])
                cursor.execute(STATEMENTS)
        except DatabaseError as error:
            sys.exit(f"benchmark: PostgreSQL must load pg_stat_statements (shared_preload_libraries): {error}")
        self.roots = {
            "gunicorn": gunicorn_pid,
            "PostgreSQL": int((data_directory / "postmaster.pid").read_text().split()[0]),
            "Redis": _redis_pid(),
        }
        self.begin = {}

    def _read(self) -> dict:
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(STATEMENTS)
            statements, evicted = cursor.fetchone()
        processes = _processes()
        return {
            "statements": statements, "evicted": evicted, "wrk": _children_ms(),
            **{name: tree_ms(root, processes) for name, root in self.roots.items()},
        }

    def start(self) -> None:
        self.begin = self._read()

    def per_request(self, requests: int) -> dict:
        """Statements and CPU milliseconds (by process) per request since start()."""
        end = self._read()
        return {
            "queries": (end["statements"] - self.begin["statements"]) / requests,
            # pg_stat_statements dropped some statement's counts to make room (other databases' statements, as
            # when the tests share the server): the count may be short, and the report says "at least".
            "counted_all": end["evicted"] == self.begin["evicted"],
            "cpu": {name: (end[name] - self.begin[name]) / requests for name in (*self.roots, "wrk")},
        }


def _redis_pid() -> int:
    import redis

    return int(redis.Redis.from_url(os.environ["REDIS_URL"]).info("server")["process_id"])
