"""The cluster of `make cluster` (scripts/cluster.sh), started once for the tests of this folder, on the test database
as its primary: HAProxy in front of two gunicorn nodes, a streaming replica of the test run's PostgreSQL that the
reports read, a Redis for the broker and another for the cache, two Celery workers and one beat.

Tests reach it through HAProxy (`cluster.request(...)`) or one node (`node="a"`), with sessions made here
(tests.support.servers.session_cookie): the nodes share the test database, and SECRET_KEY, with the test. Mark the
tests `django_db(transaction=True)`, so what they write is committed where the nodes can read it.
"""

import os
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.reporting import conftest as reporting_fixtures
from tests.support.servers import REPO_ROOT, Response, free_port, http_request, shared_database_url

known = reporting_fixtures.known  # the reports' data set whose every figure tests/reporting works out by hand

# The replica's lag bound and how often each process measures it; beat's heartbeat, whose runs the tests count.
MAX_LAG_SECONDS = 2
CHECK_SECONDS = 1
HEARTBEAT_SECONDS = 2
NODE_WORKERS, NODE_THREADS = 2, 4
START_SECONDS = 240


@dataclass
class Cluster:
    state: dict[str, str]
    process: subprocess.Popen
    log_path: Path

    def port(self, node: str = "") -> int:
        return urlsplit(self.state[f"NODE_{node.upper()}_URL" if node else "URL"]).port

    def request(self, method: str, path: str, *, node: str = "", session: str = "", form=None) -> Response:
        """Through HAProxy, or straight to node "a" or "b"."""
        return http_request(self.port(node), method, path, session=session, form=form)

    def log(self, name: str) -> str:
        """A component's log: node-a, node-b, worker-1, worker-2, beat, haproxy."""
        return (Path(self.state["LOG_DIR"]) / f"{name}.log").read_text(errors="replace")

    def kill_node(self, node: str) -> None:
        """SIGKILL to the node's gunicorn and every worker process of it, a host that died; returns once its port
        refuses connections (the processes are gone)."""
        os.killpg(int(self.state[f"NODE_{node.upper()}_PID"]), signal.SIGKILL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", self.port(node)), timeout=1).close()
            except ConnectionRefusedError:
                return
            time.sleep(0.01)
        pytest.fail(f"node {node} still accepts connections 10 seconds after SIGKILL")

    def restart_stopped_nodes(self) -> None:
        """Asks the script (USR1) to start again the nodes that stopped, and waits till they answer."""
        before = self.state
        self.process.send_signal(signal.SIGUSR1)
        deadline = time.monotonic() + 120
        while (state := _read_state(self.state_path)) in (None, before):
            if time.monotonic() > deadline or self.process.poll() is not None:
                pytest.fail(f"the cluster did not restart its nodes:\n{self.log_path.read_text(errors='replace')}")
            time.sleep(0.2)
        self.state = state

    @property
    def state_path(self) -> Path:
        return self.log_path.with_name("state")

    def replica_sql(self, sql: str):
        """Runs one statement on the replica, as the superuser, and returns its first row."""
        import psycopg2

        connection = psycopg2.connect(self.state["REPLICA_DATABASE_URL"], connect_timeout=5)
        try:
            connection.autocommit = True
            with connection.cursor() as cursor:
                cursor.execute(sql)
                return cursor.fetchone() if cursor.description else None
        finally:
            connection.close()

    def replica_pg_ctl(self, *args: str) -> None:
        result = subprocess.run([self.state["REPLICA_PG_CTL"], *args], capture_output=True, text=True, timeout=90)
        assert result.returncode == 0, f"pg_ctl {' '.join(args)} on the replica:\n{result.stdout}{result.stderr}"


def _read_state(path: Path) -> dict[str, str] | None:
    try:
        text = path.read_text()
    except FileNotFoundError:
        return None
    return dict(line.split("=", 1) for line in text.splitlines() if "=" in line)


@pytest.fixture(scope="package")
def cluster(django_db_setup, django_db_blocker, tmp_path_factory):
    from django.conf import settings

    folder = tmp_path_factory.mktemp("cluster")
    log_path = folder / "cluster.log"
    with django_db_blocker.unblock():
        primary = shared_database_url()
    env = {
        **os.environ,
        "CLUSTER_PRIMARY_URL": primary,
        "CLUSTER_STATE": str(folder / "state"),
        "CLUSTER_PORT": str(free_port()),
        "CLUSTER_NODE_WORKERS": str(NODE_WORKERS),
        "CLUSTER_NODE_THREADS": str(NODE_THREADS),
        "CLUSTER_WORKER_CONCURRENCY": "1",
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DEBUG": "false",
        "SECRET_KEY": settings.SECRET_KEY,  # the sessions the tests make must be valid there
        "REPLICA_MAX_LAG_SECONDS": str(MAX_LAG_SECONDS),
        "REPLICA_CHECK_SECONDS": str(CHECK_SECONDS),
        "HEARTBEAT_SECONDS": str(HEARTBEAT_SECONDS),
        "PYTHONUNBUFFERED": "1",
    }
    with log_path.open("wb") as log_file:
        process = subprocess.Popen(  # nosec B603: the project's own script
            [str(REPO_ROOT / "scripts" / "cluster.sh")], cwd=REPO_ROOT, env=env, stdout=log_file,
            stderr=subprocess.STDOUT, start_new_session=True,
        )
    try:
        deadline = time.monotonic() + START_SECONDS
        while (state := _read_state(folder / "state")) is None:
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the cluster did not start:\n{log_path.read_text(errors='replace')}")
            time.sleep(0.2)
        yield Cluster(state=state, process=process, log_path=log_path)
    finally:
        process.terminate()  # the script stops everything it started
        try:
            process.wait(timeout=90)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@pytest.fixture(autouse=True)
def _cluster_cache_empty(cluster):
    """The cluster's cache starts each test empty, as the test's own does (tests/conftest.py)."""
    import redis

    client = redis.Redis.from_url(cluster.state["CACHE_URL"])
    try:
        client.flushdb()
    finally:
        client.close()
