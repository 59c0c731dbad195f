"""The replica router's rules, without a replica (tests/cluster proves them on a real one): reads go there only inside
`replica_reads`, outside a transaction and while the lag check allows; writes never; the lag is measured at most
once every REPLICA_CHECK_SECONDS per process, and a replica that failed is not asked again till then."""

import pytest
from django.db import transaction

from portal import replica
from portal.replica import REPLICA, ReplicaRouter, from_replica, replica_reads
from programmes.models import Programme


@pytest.fixture
def measurements(monkeypatch, settings):
    """Each lag measurement the router makes, answering "within the bound"; a fresh check, as a new process has."""
    settings.REPLICA_CHECK_SECONDS = 5
    made = []
    monkeypatch.setattr(replica, "_within_lag_bound", lambda: made.append(1) or True)
    monkeypatch.setattr(replica, "lag_check", replica._LagCheck())
    return made


def test_reads_go_to_the_replica_only_inside_replica_reads(measurements):
    router = ReplicaRouter()

    assert router.db_for_read(Programme) == "default"
    with replica_reads():
        assert router.db_for_read(Programme) == REPLICA
    assert router.db_for_read(Programme) == "default"


def test_writes_go_to_the_primary_even_for_a_row_read_from_the_replica(measurements):
    row = Programme(title="Read from the replica")
    row._state.db = REPLICA
    with replica_reads():
        assert ReplicaRouter().db_for_write(Programme, instance=row) == "default"
    assert not ReplicaRouter().allow_migrate(REPLICA, "programmes")


def test_reads_inside_a_transaction_stay_on_the_primary(measurements, db):
    with replica_reads(), transaction.atomic():
        assert ReplicaRouter().db_for_read(Programme) == "default"


def test_the_lag_is_measured_at_most_once_every_check_interval(measurements, monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(replica.time, "monotonic", lambda: clock[0])
    router = ReplicaRouter()

    with replica_reads():
        for _ in range(5):
            assert router.db_for_read(Programme) == REPLICA
        clock[0] += 4.9
        router.db_for_read(Programme)
        assert len(measurements) == 1
        clock[0] += 0.2
        router.db_for_read(Programme)
        assert len(measurements) == 2


def test_a_replica_that_failed_is_passed_over_till_the_next_measurement(measurements, monkeypatch):
    clock = [1000.0]
    monkeypatch.setattr(replica.time, "monotonic", lambda: clock[0])
    router = ReplicaRouter()

    replica.lag_check.mark_down()
    with replica_reads():
        assert router.db_for_read(Programme) == "default"
        clock[0] += 5
        assert router.db_for_read(Programme) == REPLICA
    assert len(measurements) == 1


def test_without_a_replica_from_replica_just_does_the_work(measurements):
    assert from_replica(lambda: 42) == 42
    assert measurements == []
