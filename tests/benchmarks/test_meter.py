"""The benchmark's meter (benchmarks/meter.py) on the test run's PostgreSQL: it counts every statement any
connection runs, not only those Django's test client sees, and the CPU time of a process tree."""

import os
import subprocess
import sys

import psycopg2
import pytest

from benchmarks.meter import Meter, tree_ms
from benchmarks.meter import _processes as processes
from tests.support.servers import shared_database_url


@pytest.mark.django_db(transaction=True)
def test_every_statement_of_another_connection_is_counted_health_checks_and_transactions_too():
    meter = Meter(gunicorn_pid=os.getpid())
    server = psycopg2.connect(shared_database_url())
    try:
        meter.start()
        with server.cursor() as cursor:
            cursor.execute("SELECT 1")  # the health check Django runs on a kept connection
            cursor.execute("SELECT count(*) FROM portal_user")
        server.commit()  # psycopg2 opened a transaction: BEGIN and COMMIT are statements too
        counted = meter.per_request(2)
    finally:
        server.close()

    assert counted["queries"] == 4 / 2


@pytest.mark.django_db(transaction=True)
def test_the_cpu_time_of_a_process_tree_includes_children_that_ended():
    meter = Meter(gunicorn_pid=os.getpid())
    before = tree_ms(os.getpid(), processes())
    subprocess.run([sys.executable, "-c", "sum(range(30_000_000))"], check=True)  # noqa: S603 - fixed arguments

    spent = tree_ms(os.getpid(), processes()) - before

    assert spent >= 200  # the child's CPU, reaped into this process's cutime
    assert set(meter.roots) == {"gunicorn", "PostgreSQL", "Redis"} and all(meter.roots.values())
