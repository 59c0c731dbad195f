"""A small run of the performance benchmark (benchmarks/run.py, `make bench`): tiny data, a second a page.

The real run takes about twenty minutes and is not part of the test command; this proves that every step of it
still works (the data set, gunicorn with production settings, wrk, the memory and Celery measurements) and that
it writes the results table with every row.
"""

import os
import subprocess
import sys

import pytest

from tests.support.servers import REPO_ROOT, shared_database_url

ROWS = [
    "No-work view (baseline)",
    "Static file through whitenoise",
    "Catalogue, no filter",
    "Catalogue, three facets",
    "Catalogue, text search",
    "Programme page",
    "Catalogue, facets not seen before",
    "Catalogue, search not seen before",
    "Signed-in no-work view (ICS lead)",
    "Catalogue, signed in (staff)",
    "Programme page, signed in (staff)",
    "My applications (staff)",
    "An application (staff)",
    "ICS dashboard (ICS lead)",
    "ICS dashboard, filters not seen before",
    "Cohort workspace (academy admin)",
    "Web worker peak memory",
    "One worker's memory at the 10th and 100th request",
    "no-op tasks",
    "notification e-mails",
]
TINY = {
    "--staff": 300, "--applications": 1500, "--programmes": 20, "--cohorts": 40, "--systems": 2, "--enrolments": 100,
    "--repeats": 1, "--duration": 1, "--warmup": 0, "--connections": 2, "--workers": 1, "--memory-requests": 100,
    "--memory-checkpoint": 10, "--tasks": 20,
}


@pytest.mark.timeout(180)
@pytest.mark.django_db(transaction=True)
def test_a_small_benchmark_run_writes_every_row_of_the_results(tmp_path):
    output = tmp_path / "results.md"
    env = {
        **os.environ,
        "DATABASE_URL": shared_database_url(),
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
        "BENCHMARK_STATIC_ROOT": str(tmp_path / "static"),
    }
    options = [str(part) for option, value in TINY.items() for part in (option, value)]

    run = subprocess.run(
        [sys.executable, "-m", "benchmarks.run", *options, "--output", str(output)],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=170,
    )

    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    results = output.read_text()
    rows = [line for line in results.splitlines() if line.startswith("| ") and "---" not in line]
    for name in ROWS:
        assert any(name in row for row in rows), f"no row for {name}:\n{results}"
    assert "requests/s" in results and "tasks/s" in results
    assert "| Catalogue, no filter | `/programmes/` |" in results
