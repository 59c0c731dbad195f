"""A node killed mid-load loses no submission: HAProxy sends what the dead node refuses to the other (redispatch) and
stops sending it anything once its health checks fail, so only the requests it had in flight fail. And the one
beat of the cluster sends each periodic task once, run by one of the two workers."""

import re
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.urls import reverse

from enrolment.models import Application, Status
from enrolment.services.applications import application_save_answers, application_start
from tests.cluster.conftest import HEARTBEAT_SECONDS
from tests.conftest import wait_until
from tests.enrolment.factories import CohortFactory
from tests.portal.factories import OrganisationFactory, ProfessionFactory, UserFactory
from tests.support.servers import session_cookie

pytestmark = pytest.mark.django_db(transaction=True)

SUBMISSIONS, CLIENTS, KILLED_AFTER = 32, 10, 8


def drafts_ready_to_submit(count: int) -> list[Application]:
    cohort = CohortFactory(capacity=200, programme__line_manager_support_required=False)
    profile = {"profile__organisation": OrganisationFactory(), "profile__profession": ProfessionFactory()}
    drafts = []
    for _ in range(count):
        draft = application_start(applicant=UserFactory(with_profile=True, **profile), programme=cohort.programme)
        application_save_answers(
            application_id=draft.pk, applicant=draft.applicant,
            changes={"cohort": cohort, "supporting_statement": "I want to lead my team."},
        )
        drafts.append(draft)
    return drafts


def test_killing_a_node_mid_load_loses_no_submission_and_fails_only_what_it_had_in_flight(cluster):
    drafts = drafts_ready_to_submit(SUBMISSIONS)
    sessions = {draft.pk: session_cookie(draft.applicant) for draft in drafts}
    lock = threading.Lock()
    in_flight: set[int] = set()
    done: list[int] = []
    killed = threading.Event()
    in_flight_at_kill: set[int] = set()

    def submit(draft):
        with lock:
            in_flight.add(draft.pk)
        response = cluster.request("POST", reverse("enrolment:application_check", args=[draft.pk]),
                                   session=sessions[draft.pk])
        with lock:
            in_flight.discard(draft.pk)
            done.append(draft.pk)
            if len(done) == KILLED_AFTER:  # no request starts till the node is gone: they wait for the lock
                cluster.kill_node("a")
                in_flight_at_kill.update(in_flight)
                killed.set()
        return draft.pk, response.status

    try:
        with ThreadPoolExecutor(max_workers=CLIENTS) as pool:
            statuses = dict(pool.map(submit, drafts, timeout=150))
        assert killed.is_set()

        failed = {pk for pk, status in statuses.items() if status >= 500}
        assert failed <= in_flight_at_kill, f"only requests in flight when the node died may fail: {statuses}"
        assert set(statuses.values()) <= {302, 502, 503, 504}
        answered = [pk for pk, status in statuses.items() if status == 302]
        assert Application.objects.filter(pk__in=answered, status=Status.UNDER_REVIEW).count() == len(answered)

        for pk in failed:  # the applicant tries again: the other node answers
            again = cluster.request("POST", reverse("enrolment:application_check", args=[pk]), session=sessions[pk])
            assert again.status == 302
        assert Application.objects.filter(pk__in=sessions, status=Status.UNDER_REVIEW).count() == SUBMISSIONS
    finally:
        if killed.is_set():
            cluster.restart_stopped_nodes()


def heartbeats_sent(cluster) -> int:
    return cluster.log("beat").count("Sending due task heartbeat (portal.tasks.heartbeat)")


def heartbeats_run(cluster) -> list[str]:
    """The task id of each heartbeat the workers ran, from both workers' logs."""
    logs = cluster.log("worker-1") + cluster.log("worker-2")
    return re.findall(r"Task portal\.tasks\.heartbeat\[([0-9a-f-]+)\] succeeded", logs)


def test_the_one_beat_sends_each_periodic_task_once_and_one_worker_runs_it(cluster):
    window = 4 * HEARTBEAT_SECONDS
    sent_before = heartbeats_sent(cluster)
    time.sleep(window)
    sent = heartbeats_sent(cluster) - sent_before

    assert 1 <= sent <= window / HEARTBEAT_SECONDS + 1, "one beat's schedule, not two"
    run = wait_until(lambda: (ids := heartbeats_run(cluster)) and len(ids) >= heartbeats_sent(cluster) - 1 and ids,
                     timeout=20, message="the workers ran the heartbeats sent")
    assert len(run) == len(set(run)), "each heartbeat ran once, on one worker"
    assert len(run) <= heartbeats_sent(cluster)
