"""Real servers for the fault and load tests: gunicorn serving the test database, a Redis of a test's own, and
the test run's PostgreSQL stopped and started through PG_CTL (scripts/test.sh). Each stops by itself."""

import http.client
import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent.parent
CSRF_SECRET = "faulttestcsrfsecret0123456789abc"  # 32 characters: what Django keeps in the csrftoken cookie


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def shared_database_url(**query) -> str:
    """The URL of the database pytest-django made (test_<name>), for a process that must share it."""
    from django.db import connection

    db = connection.settings_dict
    url = "postgres://{}:{}@{}:{}/{}".format(
        quote(db["USER"], safe=""), quote(db["PASSWORD"], safe=""), quote(db["HOST"], safe=""), db["PORT"],
        quote(db["NAME"], safe=""),
    )
    return f"{url}?{urlencode(query)}" if query else url


def session_cookie(user) -> str:
    """A signed-in session for `user`, saved in the database, as the value of the sessionid cookie."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client.cookies["sessionid"].value


def _wait_for(ready, process, log_path: Path, what: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not ready():
        if process.poll() is not None:
            pytest.fail(f"{what} exited with code {process.returncode}:\n{log_path.read_text(errors='replace')}")
        if time.monotonic() > deadline:
            pytest.fail(f"{what} did not start within {timeout}s:\n{log_path.read_text(errors='replace')}")
        time.sleep(0.1)


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: str

    def cookies_set(self) -> list[str]:
        return [value.split("=", 1)[0] for value in self.headers.get_all("Set-Cookie") or []]


def http_request(port: int, method: str, path: str, *, session: str = "", form: dict | None = None) -> Response:
    """One HTTP request to 127.0.0.1:`port` on its own connection, redirects not followed; `session` is a sessionid
    cookie. A POST carries the CSRF cookie and header, as a browser's form would."""
    headers = {"Cookie": f"csrftoken={CSRF_SECRET}" + (f"; sessionid={session}" if session else "")}
    body = None
    if method == "POST":
        headers |= {"X-CSRFToken": CSRF_SECRET, "Content-Type": "application/x-www-form-urlencoded"}
        body = urlencode(form or {}, doseq=True)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return Response(response.status, response.headers, response.read().decode(errors="replace"))
    finally:
        connection.close()


@dataclass
class Gunicorn:
    port: int
    process: subprocess.Popen
    log_path: Path

    def request(self, method: str, path: str, *, session: str = "", form: dict | None = None) -> Response:
        """One HTTP request on its own connection (http_request)."""
        return http_request(self.port, method, path, session=session, form=form)

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def _answers(self) -> bool:
        try:
            self.request("GET", "/about/")
        except OSError:
            return False
        return True


@contextmanager
def gunicorn(tmp_path: Path, *, workers: int, threads: int = 1, **database_options):
    """Serves the portal with gunicorn as production would (DEBUG off), on the test database, on loopback."""
    from django.conf import settings

    port = free_port()
    log_path = tmp_path / f"gunicorn-{port}.log"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DEBUG": "false",
        "SECRET_KEY": settings.SECRET_KEY,  # the sessions the test made must be valid there
        "DATABASE_URL": shared_database_url(**database_options),
        "PYTHONUNBUFFERED": "1",
    }
    command = [
        str(Path(sys.executable).parent / "gunicorn"), "config.wsgi:application",
        "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--threads", str(threads),
        "--worker-class", "gthread" if threads > 1 else "sync", "--timeout", "60", "--graceful-timeout", "5",
    ]
    with log_path.open("wb") as log_file:
        process = subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT)
    server = Gunicorn(port=port, process=process, log_path=log_path)
    try:
        _wait_for(server._answers, process, log_path, "gunicorn")
        yield server
    finally:
        _stop(process)


@dataclass
class RedisServer:
    """A Redis of the test's own, so stopping it leaves the test run's broker alone."""

    folder: Path
    port: int = 0
    process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        import redis

        self.folder.mkdir(parents=True, exist_ok=True)
        self.port = self.port or free_port()
        log_path = self.folder / "redis.log"
        self.process = subprocess.Popen(
            ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port), "--save", "", "--appendonly", "no",
             "--dir", str(self.folder), "--logfile", str(log_path)],
        )
        client = redis.Redis.from_url(self.url, socket_connect_timeout=1)

        def answers() -> bool:
            try:
                return client.ping()
            except redis.ConnectionError:
                return False

        _wait_for(answers, self.process, log_path, "redis-server")

    def stop(self) -> None:
        if self.process is not None:
            _stop(self.process)
            self.process = None


@contextmanager
def celery_broker(url: str):
    """Points the test process's Celery app at another broker, with fresh connection pools, and back after.

    Kombu keeps one pool per broker URL for the whole process, so the run's own pool is left open to be found
    again; only the other broker's is closed."""
    from config.celery import app

    def switch(environment: str | None, configured: str | None) -> None:
        app._pool = None
        app.amqp._producer_pool = None
        # Celery reads CELERY_BROKER_URL from the environment before its own configuration.
        if environment is None:
            os.environ.pop("CELERY_BROKER_URL", None)
        else:
            os.environ["CELERY_BROKER_URL"] = environment
        app.conf.broker_url = configured

    previous = os.environ.get("CELERY_BROKER_URL"), app.conf.get("broker_url")
    switch(url, url)
    try:
        yield
    finally:
        app.pool.force_close_all()
        switch(*previous)


class PostgresServer:
    """The test run's PostgreSQL, stopped and started with the PG_CTL that scripts/test.sh exports."""

    def __init__(self):
        self.pg_ctl = os.environ.get("PG_CTL")
        if not self.pg_ctl:
            pytest.fail("PG_CTL is not set: run scripts/test.sh, which provides the PostgreSQL this test restarts")

    def stop(self) -> None:
        self._pg_ctl("stop", "-m", "fast", "-w")

    def start(self) -> None:
        self._pg_ctl("start", "-w", "-t", "60")

    def running(self) -> bool:
        return subprocess.run([self.pg_ctl, "status"], capture_output=True, timeout=30).returncode == 0

    def _pg_ctl(self, *args: str) -> None:
        result = subprocess.run([self.pg_ctl, *args], capture_output=True, text=True, timeout=90)
        if result.returncode != 0:
            pytest.fail(f"pg_ctl {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
