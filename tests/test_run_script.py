"""`make run` (scripts/run.sh): the dashboards have figures at once, and stopping the script stops everything it
started. The script runs for real, on the embedded defaults in a folder of the test's own (VAR_DIR) and a free port."""

import http.client
import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from tests.support.servers import REPO_ROOT, free_port

# What the test run sets for itself (PostgreSQL, Redis, the test settings): run.sh must use its embedded defaults.
NOT_PASSED_ON = ("DATABASE_URL", "CELERY_BROKER_URL", "REDIS_URL", "CACHE_URL", "DJANGO_SETTINGS_MODULE",
                 "EMAIL_URL", "EMAIL_FILE_PATH")


def session_members(session: int) -> list[int]:
    """Every live process of the session the script leads, whoever its parent is now."""
    members = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended while we looked
        state, session_id = fields[0], int(fields[3])
        if session_id == session and state != "Z":
            members.append(int(stat.parent.name))
    return members


def answers(port: int, path: str) -> bool:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
    try:
        connection.request("GET", path)
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()


@pytest.fixture
def run_script(tmp_path):
    port = free_port()
    env = {key: value for key, value in os.environ.items() if key not in NOT_PASSED_ON}
    env |= {"VAR_DIR": str(tmp_path), "PORT": f"127.0.0.1:{port}", "PYTHONUNBUFFERED": "1"}
    with open(tmp_path / "run.log", "wb") as log:
        process = subprocess.Popen(  # nosec B603: the project's own script
            [str(REPO_ROOT / "scripts" / "run.sh")], cwd=REPO_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        yield process, port, tmp_path
    finally:
        for pid in session_members(process.pid):  # only if the test failed: leave nothing running
            os.kill(pid, signal.SIGKILL)
        process.wait(timeout=30)


def test_run_has_figures_at_once_and_a_term_to_the_script_stops_the_server_worker_and_beat(run_script):
    process, port, var = run_script
    deadline = time.monotonic() + 300
    while not answers(port, "/healthz/ready"):
        assert process.poll() is None, "run.sh stopped:\n" + (var / "run.log").read_text(errors="replace")[-3000:]
        assert time.monotonic() < deadline, "run.sh did not answer:\n" + (var / "run.log").read_text()[-3000:]
        time.sleep(0.5)
    with sqlite3.connect(var / "portal.sqlite3") as database:
        (refreshed,) = database.execute("SELECT count(*) FROM reporting_reportsrefresh WHERE finished_at IS NOT NULL")
    assert refreshed == (1,), "the reports' figures are worked out before the web server starts"
    started = session_members(process.pid)
    assert len(started) >= 4, f"the script, the web server and the worker: {started}"

    os.kill(process.pid, signal.SIGTERM)  # the script only, as `kill <pid>` would
    assert process.wait(timeout=60) == 143

    deadline = time.monotonic() + 30
    while session_members(process.pid) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert session_members(process.pid) == [], "processes left running after run.sh stopped"
