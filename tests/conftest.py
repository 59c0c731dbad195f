"""Fixtures shared by every test: a real Celery worker, Debian's Chromium driven by Playwright, and axe-core.

scripts/test.sh provides what they need: DATABASE_URL (PostgreSQL), CELERY_BROKER_URL (Redis) and CHROMIUM.

    from tests.conftest import assert_no_axe_violations, log_in, run_at_once, wait_until

    def test_home_page(live_server, browser_page):
        browser_page.goto(live_server.url + "/")
        assert_no_axe_violations(browser_page)

    @pytest.mark.django_db(transaction=True)
    def test_task_runs_in_the_worker(celery_worker_process):
        user = UserFactory()                # committed, so the worker process sees it
        send_welcome_email.delay(user.pk)
        wait_until(lambda: EmailDelivery.objects.filter(sent_at__isnull=False).exists())
"""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.servers import shared_database_url

REPO_ROOT = Path(__file__).resolve().parent.parent
AXE_SCRIPT = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"

# Playwright's sync API keeps an asyncio event loop running in the main thread from the moment the browser
# starts until it stops. Django sees that loop and raises SynchronousOnlyOperation on any ORM call made by
# an e2e test (or by the tests after it, as the browser lives for the whole session). The ORM is not
# actually called from async code here, so the check is switched off for the test run.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM_ARGS = [
    "--no-sandbox",  # root in CI, and containers, have no usable sandbox
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",  # containers often give /dev/shm only 64 MB
]


def pytest_configure(config):
    # CI cancels a run with SIGTERM, which would kill pytest before any teardown: make it an interrupt instead,
    # so fixtures still stop the Celery worker and the browser they started.
    signal.signal(signal.SIGTERM, _interrupt)


def _interrupt(signum, frame):
    raise KeyboardInterrupt(f"signal {signum}")


def pytest_collection_modifyitems(items):
    """Mark tests by the fixtures they use, so `-m "not e2e"`, `-m worker` or `-m cluster` select them without extra
    marks."""
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if "browser_page" in fixtures or "chromium_browser" in fixtures:
            item.add_marker(pytest.mark.e2e)
        if "celery_workers" in fixtures:
            item.add_marker(pytest.mark.worker)
        if "cluster" in fixtures:
            item.add_marker(pytest.mark.cluster)


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache (Redis under scripts/test.sh): a page an earlier test cached would show
    rows that test's rollback removed."""
    from django.core.cache import cache

    cache.clear()


# --------------------------------------------------------------------------------------------------------------
# Celery worker


@dataclass
class CeleryWorker:
    hostname: str  # the node name the worker answers control commands (ping, inspect) as
    process: subprocess.Popen
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


@pytest.fixture
def celery_worker_env():
    """Extra environment variables for the worker process. Override this fixture in a module to add some."""
    return {}


@pytest.fixture
def celery_workers(transactional_db, tmp_path, celery_worker_env):
    """Starts real `celery worker` processes on the Redis broker, using the same test database as the test.

    Depends on transactional_db (mark the test `@pytest.mark.django_db(transaction=True)`): data the test
    writes is committed, so the worker, a separate process with its own connection, can read it. Call it
    again to start another worker, e.g. after killing one; every worker is stopped at the end of the test.
    """
    from django.conf import settings
    from django.db import connection

    from config.celery import app

    broker = settings.CELERY_BROKER_URL
    if not broker.startswith(("redis://", "rediss://")):
        pytest.fail(f"celery_worker_process needs CELERY_BROKER_URL=redis://..., not {broker!r}: run scripts/test.sh")
    if connection.vendor != "postgresql":
        pytest.fail("celery_worker_process needs DATABASE_URL to be PostgreSQL, so the worker can share the test "
                    "database: run scripts/test.sh")
    if app.conf.task_always_eager:
        pytest.fail("CELERY_TASK_ALWAYS_EAGER is on, so tasks would never reach the worker")

    env = {
        **os.environ,
        "DATABASE_URL": shared_database_url(),
        "CELERY_BROKER_URL": broker,
        "DJANGO_SETTINGS_MODULE": os.environ.get("DJANGO_SETTINGS_MODULE", settings.SETTINGS_MODULE),
        "PYTHONUNBUFFERED": "1",
        **celery_worker_env,
    }
    celery = Path(sys.executable).parent / "celery"  # .venv/bin/celery, beside the Python running the tests
    app.control.purge()  # a task left by an earlier test must not run in this one
    workers = []

    def start() -> CeleryWorker:
        hostname = f"pytest-{uuid.uuid4().hex[:8]}@{socket.gethostname()}"
        command = [
            str(celery), "-A", "config", "worker", "--pool=solo", "--concurrency=1", "-Q", "celery",
            "--without-gossip", "--without-mingle", "--loglevel=INFO", "--hostname", hostname,
        ]
        log_path = tmp_path / f"celery-worker-{len(workers) + 1}.log"
        with log_path.open("wb") as log_file:
            process = subprocess.Popen(command, cwd=REPO_ROOT, env=env, stdout=log_file, stderr=subprocess.STDOUT)
        worker = CeleryWorker(hostname=hostname, process=process, log_path=log_path)
        workers.append(worker)
        _wait_until_worker_answers(app, worker, timeout=60)
        return worker

    yield start
    for worker in workers:
        worker.process.terminate()  # warm shutdown: a task already running finishes first
        try:
            worker.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            worker.process.kill()
            worker.process.wait()
        # Shown by pytest only when the test fails.
        print(f"--- Celery worker log ({worker.log_path}) ---\n{_tail(worker.log())}")


@pytest.fixture
def celery_worker_process(celery_workers):
    """One real Celery worker for the test; see celery_workers."""
    return celery_workers()


def _wait_until_worker_answers(app, worker, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if worker.process.poll() is not None:
            pytest.fail(f"the Celery worker exited with code {worker.process.returncode}:\n{_tail(worker.log())}")
        if app.control.ping(destination=[worker.hostname], timeout=0.5):
            return
    pytest.fail(f"the Celery worker did not answer ping within {timeout}s:\n{_tail(worker.log())}")


def wait_until(condition, timeout=30, interval=0.1, message="condition"):
    """Poll `condition()` until it returns something truthy, and return that; fail after `timeout` seconds.

    For work done by the worker process, e.g.
    `wait_until(lambda: EmailDelivery.objects.filter(key=key, sent_at__isnull=False).exists())`.
    """
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            pytest.fail(f"{message} not met within {timeout}s")
        time.sleep(interval)


def _tail(text, lines=80):
    return "\n".join(text.splitlines()[-lines:])


@pytest.fixture
def tasks_run_in_process():
    """Runs each task in the test's own process as it is enqueued (on commit), so a test can see its effect.

    The broker stays Redis for everything else; tests of the real worker use celery_worker_process instead.
    """
    from config.celery import app

    app.conf.task_always_eager = True
    app.conf.task_eager_propagates = True
    yield
    app.conf.task_always_eager = False
    app.conf.task_eager_propagates = False


# --------------------------------------------------------------------------------------------------------------
# Concurrency


def run_at_once(work, items, *, timeout=120):
    """Runs work(item) in one thread per item, all released together; returns the exceptions that escaped.

    Each thread has its own database connection, closed when it finishes. Use it in a test marked
    `@pytest.mark.django_db(transaction=True)`, so the threads see the rows the test made. A thread still running
    `timeout` seconds after the start fails the test: its work never finished, so nothing it was to prove holds.
    """
    from django.db import connections

    start = threading.Barrier(len(items))
    escaped = []

    def run(item):
        try:
            start.wait()
            work(item)
        except Exception as error:  # noqa: BLE001 - the test asserts that nothing escapes
            escaped.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(item,)) for item in items]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + timeout
    for thread in threads:
        thread.join(timeout=max(deadline - time.monotonic(), 0))
    running = sum(thread.is_alive() for thread in threads)
    if running:
        pytest.fail(f"{running} of {len(threads)} threads still running {timeout} seconds after they started")
    return escaped


# --------------------------------------------------------------------------------------------------------------
# Browser


@pytest.fixture(scope="session")
def chromium_browser():
    """Debian's Chromium (CHROMIUM, default /usr/bin/chromium), headless, started once per test session."""
    from playwright.sync_api import sync_playwright

    executable = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    if not os.access(executable, os.X_OK):
        pytest.fail(f"no Chromium at {executable}: run scripts/test.sh, or apt-get install chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_browser_page(chromium_browser):
    """Makes pages each in its own browser context, as different people on different machines would have.

    The Content-Security-Policy is enforced as in any browser, and anything it refuses (an inline script or style
    a template slipped in) fails the test: Chromium reports each refusal on the console.
    """
    contexts, refused = [], []

    def make():
        context = chromium_browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 800})
        context.set_default_timeout(15_000)
        context.on("console", lambda message: refused.extend(_csp_refusals(message)))
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()
    assert not refused, "The Content-Security-Policy refused:\n" + "\n".join(refused)


def _csp_refusals(message) -> list[str]:
    text = message.text
    return [f"{text} (on {message.page.url if message.page else '?'})"] if "Content Security Policy" in text else []


@pytest.fixture
def browser_page(new_browser_page):
    """A fresh page in its own browser context (no cookies or storage shared between tests).

    Use it with pytest-django's live_server fixture: `browser_page.goto(live_server.url + "/")`.
    """
    return new_browser_page()


def log_in(page, base_url, email):
    """Signs in through the /login/ form, as a user the factories made with TEST_PASSWORD."""
    from tests.portal.factories import TEST_PASSWORD

    page.goto(base_url + "/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Log in").click()


# --------------------------------------------------------------------------------------------------------------
# Accessibility


def axe_violations(page, options=None) -> list:
    """Run axe-core on the page as it is now and return its violations (dicts as axe reports them).

    axe goes in through the DevTools protocol, which the page's Content-Security-Policy does not govern:
    Playwright's add_script_tag writes an inline <script>, which the policy rightly refuses.
    """
    if not AXE_SCRIPT.exists():
        pytest.fail(f"{AXE_SCRIPT} is missing: run scripts/setup.sh requirements-dev.txt")
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        devtools = page.context.new_cdp_session(page)
        devtools.send("Runtime.evaluate", {"expression": AXE_SCRIPT.read_text()})
        devtools.detach()
    return page.evaluate("async (options) => (await axe.run(document, options)).violations", options or {})


def assert_no_axe_violations(page, options=None):
    """Fail listing each axe violation: its rule id, impact, help text and the elements that fail it."""
    violations = axe_violations(page, options)
    if violations:
        report = [f"{len(violations)} accessibility violation(s) on {page.url}:"]
        for violation in violations:
            report.append(f"- {violation['id']} ({violation.get('impact')}): {violation['help']} "
                          f"<{violation['helpUrl']}>")
            for node in violation["nodes"]:
                target = " >> ".join(map(str, node["target"]))  # more than one selector: inside iframes
                report.append(f"    {target}    {node['html'][:120]}")
        raise AssertionError("\n".join(report))


@pytest.fixture
def email_dir(tmp_path):
    """Where tests.support.email_backends records the e-mails a real worker sends (its TEST_EMAIL_DIR)."""
    folder = tmp_path / "mail"
    folder.mkdir()
    return folder
