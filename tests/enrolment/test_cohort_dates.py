"""A cohort's dates govern what can happen to it, whatever path the request takes: its window closes before it
starts, nobody joins it once it has started (unless the academy set a later last day to join), attendance waits
for the session and outcomes for the start, and its status moves only along Cohort.TRANSITIONS."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from enrolment.models import (
    Application,
    Attendance,
    Certificate,
    Cohort,
    CohortSession,
    EnrolmentError,
    InvalidTransition,
    Status,
)
from enrolment.services.cohorts import InvalidInput, cohort_cancel, cohort_update, cohorts_advance_schedule
from enrolment.services.completion import completion_record
from enrolment.services.decisions import application_offer
from enrolment.services.offers import offer_accept
from enrolment.services.waiting_list import waiting_list_promote
from tests.enrolment.factories import ApplicationFactory, CohortFactory, cohort_form
from tests.programmes.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def started(cohort):
    """Started yesterday, its window (wrongly) still open, as only a write past the services could leave it."""
    cohort.starts_on = timezone.localdate() - timedelta(days=1)
    cohort.save()
    return cohort


def in_days(days: int) -> str:
    return (timezone.localdate() + timedelta(days=days)).isoformat()


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"applications_close_at": f"{in_days(61)}T17:00"}, "applications_close_at"),
        ({"joining_closes_on": in_days(59)}, "joining_closes_on"),
        ({"joining_closes_on": in_days(400)}, "joining_closes_on"),
        ({"venue": "", "is_online": ""}, "venue"),
        ({"ends_on": in_days(59)}, "ends_on"),
        ({"applications_close_at": f"{in_days(-1)}T09:00"}, "applications_close_at"),
        ({"capacity": "0"}, "capacity"),
    ],
    ids=["window closes after the start", "last joining day before the start", "after the end", "nowhere",
         "ends before it starts", "window closes before it opens", "no place"],
)
def test_a_cohort_posted_with_impossible_dates_or_no_place_is_refused_beside_the_field(
    client, academy, admin, changes, field
):
    programme = ProgrammeFactory(delivering_academies=[academy])
    client.force_login(admin)

    response = client.post(reverse("enrolment:workspace_cohort_create"), cohort_form(academy, programme, **changes))

    assert response.status_code == 200
    assert f'id="id_{field}_error"' in response.content.decode()
    assert not Cohort.objects.exists()


def test_a_window_may_close_after_the_start_only_by_the_last_joining_day_the_academy_sets(client, academy, admin):
    programme = ProgrammeFactory(delivering_academies=[academy])
    start = timezone.localdate() + timedelta(days=60)
    client.force_login(admin)

    client.post(
        reverse("enrolment:workspace_cohort_create"),
        cohort_form(
            academy, programme,
            applications_close_at=f"{(start + timedelta(days=5)).isoformat()}T17:00",
            joining_closes_on=(start + timedelta(days=5)).isoformat(),
        ),
    )

    assert Cohort.objects.get().joining_closes_on == start + timedelta(days=5)


def test_an_update_that_leaves_the_window_open_past_the_start_changes_nothing(cohort, admin):
    with pytest.raises(InvalidInput) as refused:
        cohort_update(admin=admin, cohort_id=cohort.pk, applications_close_at=timezone.now() + timedelta(days=90))

    assert "applications_close_at" in refused.value.problems
    assert Cohort.objects.get(pk=cohort.pk).applications_close_at == cohort.applications_close_at


def test_no_offer_is_made_once_the_cohort_has_started(client, started, admin):
    application = ApplicationFactory(cohort=started, under_review=True)
    client.force_login(admin)

    response = client.post(
        reverse("enrolment:academy_application", args=[application.pk]), {"decision": "offer"}, follow=True
    )

    assert "can no longer be joined" in response.content.decode()
    assert Application.objects.get(pk=application.pk).status == Status.UNDER_REVIEW


def test_an_offer_cannot_be_accepted_once_the_cohort_has_started(client, started):
    application = ApplicationFactory(cohort=started, offered=True)
    client.force_login(application.applicant)

    response = client.post(reverse("enrolment:offer_accept", args=[application.pk]), follow=True)

    assert "can no longer be joined" in response.content.decode()
    assert Application.objects.get(pk=application.pk).status == Status.OFFERED


def test_the_waiting_list_moves_until_the_last_joining_day_and_not_after(started, admin):
    waiting = ApplicationFactory(cohort=started, waitlisted=True)
    assert waiting_list_promote(cohort_id=started.pk) == []

    Cohort.objects.filter(pk=started.pk).update(joining_closes_on=timezone.localdate())

    assert waiting_list_promote(cohort_id=started.pk) == [waiting.pk]
    offer_accept(application_id=waiting.pk, applicant=waiting.applicant)
    late = ApplicationFactory(cohort=started, under_review=True)
    assert application_offer(application_id=late.pk, admin=admin).status == Status.OFFERED


def test_attendance_for_a_session_not_yet_begun_is_neither_offered_nor_taken(client, cohort, admin):
    soon = timezone.now() + timedelta(days=3)
    session = CohortSession.objects.create(
        cohort=cohort, title="Workshop 1", starts_at=soon, ends_at=soon + timedelta(hours=2), venue="Hall"
    )
    learner = ApplicationFactory(cohort=cohort, accepted=True)
    client.force_login(admin)
    url = reverse("enrolment:workspace_attendance", args=[session.pk])

    page = client.get(url).content.decode()
    posted = client.post(url, {"attended": [learner.pk]}).content.decode()

    for html in (page, posted):
        assert "once the session has begun" in html
        assert 'name="attended"' not in html
    assert not Attendance.objects.exists()


def test_the_outcomes_page_says_they_wait_for_the_start_instead_of_showing_a_form(client, cohort, admin):
    learner = ApplicationFactory(cohort=cohort, accepted=True)
    client.force_login(admin)
    url = reverse("enrolment:workspace_outcomes", args=[cohort.pk])

    page = client.get(url).content.decode()
    client.post(url, {f"outcome_{learner.pk}": "completed"})

    assert "once the cohort has started" in page
    assert f'name="outcome_{learner.pk}"' not in page
    assert Application.objects.get(pk=learner.pk).status == Status.ACCEPTED
    assert not Certificate.objects.exists()


@pytest.mark.parametrize("hours", [0, 501])
def test_impossible_cpd_hours_are_refused_by_the_outcomes_service(started, admin, hours):
    learner = ApplicationFactory(cohort=started, accepted=True)

    with pytest.raises(EnrolmentError, match="CPD hours"):
        completion_record(admin=admin, cohort_id=started.pk, outcomes={learner.pk: True}, cpd_hours=hours)

    assert not Certificate.objects.exists()


def test_a_running_cohort_cannot_be_moved_back_to_before_its_start(started, admin):
    with pytest.raises(InvalidInput):
        cohort_update(admin=admin, cohort_id=started.pk, starts_on=timezone.localdate() + timedelta(days=10))

    assert Cohort.objects.get(pk=started.pk).starts_on == started.starts_on


def test_a_finished_cohort_cannot_be_cancelled(admin, academy):
    finished = CohortFactory(academy=academy, starts_in_days=-200, lasts_days=100, closed=True)
    learner = ApplicationFactory(cohort=finished, status=Status.COMPLETED)

    with pytest.raises(InvalidTransition):
        cohort_cancel(admin=admin, cohort_id=finished.pk, reason="Too late")

    assert Cohort.objects.get(pk=finished.pk).status != Cohort.Status.CANCELLED
    assert Application.objects.get(pk=learner.pk).status == Status.COMPLETED


def test_the_schedule_moves_statuses_only_along_the_table():
    finished = CohortFactory(starts_in_days=-200, lasts_days=100, closed=True)
    ended_early = CohortFactory(closed=True)
    Cohort.objects.filter(pk=finished.pk).update(status=Cohort.Status.FINISHED)
    Cohort.objects.filter(pk=ended_early.pk).update(status=Cohort.Status.RUNNING)

    cohorts_advance_schedule()

    assert Cohort.objects.get(pk=finished.pk).status == Cohort.Status.FINISHED
    assert Cohort.objects.get(pk=ended_early.pk).status == Cohort.Status.RUNNING, "running never goes back to closed"
    assert set(Cohort.TRANSITIONS) == set(Cohort.Status) - {Cohort.Status.FINISHED, Cohort.Status.CANCELLED}
