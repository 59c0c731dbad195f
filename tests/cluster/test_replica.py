"""Reports read the streaming replica while it is within the lag bound (portal/replica.py), and the primary when it is
behind or down, with the figures of the latest refresh either way: through HAProxy, on both nodes."""

import csv
import io
import time

import pytest
from django.db import connection
from django.urls import reverse

from enrolment.models import Status
from reporting.services import reports_refresh
from tests.cluster.conftest import CHECK_SECONDS, MAX_LAG_SECONDS
from tests.conftest import wait_until
from tests.enrolment.factories import CohortFactory
from tests.reporting.factories import application, months_ago, staff_member
from tests.support.servers import session_cookie

pytestmark = pytest.mark.django_db(transaction=True)

ALPHA_BEFORE = ["Alpha programme", "3", "2", "1", "0"]  # `known`: tests/reporting/conftest.py works these out
ALPHA_AFTER = ["Alpha programme", "4", "2", "1", "0"]  # with one more application under review


def replica_caught_up(cluster) -> None:
    """Waits until the replica has replayed everything the primary has written so far: a test's fresh data may
    otherwise be read, within the lag bound, from a replica still replaying the last test's."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()")
        lsn = cursor.fetchone()[0]
    wait_until(
        lambda: cluster.replica_sql(f"SELECT pg_last_wal_replay_lsn() >= '{lsn}'::pg_lsn")[0],
        timeout=30,
        message="the replica caught up",
    )


def alpha_row(cluster, known, node: str = "") -> list[str]:
    path = reverse("reporting:ics_export", args=[known.riverside.slug, "programmes"])
    response = cluster.request("GET", path, node=node, session=session_cookie(known.lead))
    assert response.status == 200, response.body[:2000]
    rows = list(csv.reader(io.StringIO(response.body.lstrip("\ufeff"))))
    return next(row for row in rows if row[0] == "Alpha programme")


def report_reads_on_replica(cluster) -> int:
    """How many times the replica has scanned the reporting tables (its own statistics, not the primary's)."""
    return cluster.replica_sql(
        "SELECT coalesce(sum(coalesce(seq_scan, 0) + coalesce(idx_scan, 0)), 0) FROM pg_stat_user_tables "
        "WHERE relname IN ('reporting_reportfact', 'reporting_monthlyfigure', 'reporting_reportsrefresh')"
    )[0]


def one_more_alpha_application_and_a_refresh(known) -> None:
    application(staff_member(known.hospital), CohortFactory(programme=known.alpha), Status.UNDER_REVIEW,
                applied=months_ago(1))
    reports_refresh()


def test_reports_read_the_replica_while_it_keeps_up(cluster, known):
    replica_caught_up(cluster)
    before = report_reads_on_replica(cluster)

    assert alpha_row(cluster, known, node="a") == ALPHA_BEFORE
    assert alpha_row(cluster, known, node="b") == ALPHA_BEFORE

    wait_until(lambda: report_reads_on_replica(cluster) > before, timeout=10, message="the replica read the facts")
    page = cluster.request("GET", reverse("reporting:ics_dashboard", args=[known.riverside.slug]),
                           session=session_cookie(known.lead))
    assert page.status == 200
    assert "Alpha programme" in page.body


def test_a_replica_behind_the_bound_leaves_reports_fresh_from_the_primary(cluster, known):
    replica_caught_up(cluster)
    assert alpha_row(cluster, known) == ALPHA_BEFORE
    cluster.replica_sql("SELECT pg_wal_replay_pause()")
    try:
        one_more_alpha_application_and_a_refresh(known)
        time.sleep(MAX_LAG_SECONDS + CHECK_SECONDS + 1)  # past the bound, and past each process's last measurement
        assert cluster.replica_sql("SELECT pg_is_wal_replay_paused()")[0]

        assert alpha_row(cluster, known, node="a") == ALPHA_AFTER
        assert alpha_row(cluster, known, node="b") == ALPHA_AFTER
    finally:
        cluster.replica_sql("SELECT pg_wal_replay_resume()")


def test_a_stopped_replica_leaves_reports_working_from_the_primary(cluster, known):
    replica_caught_up(cluster)
    assert alpha_row(cluster, known) == ALPHA_BEFORE
    cluster.replica_pg_ctl("stop", "-m", "fast", "-w")
    try:
        one_more_alpha_application_and_a_refresh(known)

        # At once, on both nodes: a node whose last measurement said "usable" finds the replica down mid-request.
        assert alpha_row(cluster, known, node="a") == ALPHA_AFTER
        assert alpha_row(cluster, known, node="b") == ALPHA_AFTER
        page = cluster.request("GET", reverse("reporting:ics_dashboard", args=[known.riverside.slug]),
                               session=session_cookie(known.lead))
        assert page.status == 200
    finally:
        cluster.replica_pg_ctl("start", "-w", "-t", "60")
