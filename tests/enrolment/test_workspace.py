import csv
import io
from datetime import date, datetime, time, timedelta

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from enrolment.models import Application, Attendance, Certificate, Cohort, CohortSession, EnrolmentError, Status
from enrolment.services.cohorts import InvalidInput, cohort_cancel, cohort_update
from enrolment.services.completion import completion_record
from enrolment.services.sessions import (
    SessionPattern,
    attendance_record,
    session_dates,
    session_save,
    sessions_generate,
)
from portal.models import OutboxMessage
from tests.academies.factories import AcademyAdminFactory, AcademyFactory
from tests.enrolment.factories import ApplicationFactory, CohortFactory, cohort_form
from tests.portal.factories import UserFactory
from tests.programmes.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


def test_an_admin_creates_a_cohort_of_a_programme_their_academy_delivers(client, academy, admin):
    programme = ProgrammeFactory(delivering_academies=[academy])
    client.force_login(admin)

    response = client.post(reverse("enrolment:workspace_cohort_create"), cohort_form(academy, programme))

    cohort = Cohort.objects.get(name="Autumn cohort")
    assert response.url == reverse("enrolment:workspace_cohort", args=[cohort.pk])
    assert (cohort.academy, cohort.programme, cohort.capacity) == (academy, programme, 24)


def test_a_programme_the_academy_does_not_deliver_is_refused(client, admin):
    elsewhere = ProgrammeFactory()
    client.force_login(admin)

    response = client.post(reverse("enrolment:workspace_cohort_create"), {"programme": elsewhere.pk})

    assert response.status_code == 200
    assert 'id="id_programme_error"' in response.content.decode()
    assert not Cohort.objects.exists()


def test_capacity_cannot_go_below_the_places_held(cohort, admin):
    ApplicationFactory.create_batch(2, cohort=cohort, accepted=True)

    with pytest.raises(EnrolmentError, match="cannot go below 2"):
        cohort_update(admin=admin, cohort_id=cohort.pk, capacity=1)

    assert Cohort.objects.get(pk=cohort.pk).capacity == 3


@pytest.mark.usefixtures("tasks_run_in_process")
def test_raising_capacity_offers_the_new_place_to_the_waiting_list(cohort, admin, django_capture_on_commit_callbacks):
    ApplicationFactory.create_batch(3, cohort=cohort, accepted=True)
    waiting = ApplicationFactory(cohort=cohort, waitlisted=True)

    with django_capture_on_commit_callbacks(execute=True):
        cohort_update(admin=admin, cohort_id=cohort.pk, capacity=4)

    assert Application.objects.get(pk=waiting.pk).status == Status.OFFERED


@pytest.mark.usefixtures("tasks_run_in_process")
def test_cancelling_tells_every_applicant_and_releases_them(cohort, admin, django_capture_on_commit_callbacks):
    applications = [
        ApplicationFactory(cohort=cohort, accepted=True),
        ApplicationFactory(cohort=cohort, offered=True),
        ApplicationFactory(cohort=cohort, under_review=True),
    ]

    with django_capture_on_commit_callbacks(execute=True):
        cohort_cancel(admin=admin, cohort_id=cohort.pk, reason="The venue is closed for repairs.")

    assert Cohort.objects.get(pk=cohort.pk).status == Cohort.Status.CANCELLED
    assert set(Application.objects.values_list("status", flat=True)) == {Status.COHORT_CANCELLED}
    assert sorted(message.to[0] for message in mail.outbox) == sorted(a.applicant.email for a in applications)
    assert all("The venue is closed for repairs." in message.body for message in mail.outbox)


def test_cancelling_queues_no_waiting_list_moves_for_the_places_it_frees(cohort, admin):
    ApplicationFactory(cohort=cohort, accepted=True)
    ApplicationFactory(cohort=cohort, offered=True)

    cohort_cancel(admin=admin, cohort_id=cohort.pk, reason="The venue is closed for repairs.")

    tasks = list(OutboxMessage.objects.values_list("task", flat=True))
    assert sorted(tasks) == ["enrolment.tasks.send_application_event_email"] * 2


def test_generated_sessions_skip_weekends_and_bank_holidays():
    # 31 May 2027 is the spring bank holiday; 5 June 2027 a Saturday.
    assert session_dates(date(2027, 5, 31), date(2027, 6, 30), 1) == [
        date(2027, 6, 1),
        date(2027, 6, 7),
        date(2027, 6, 14),
        date(2027, 6, 21),
        date(2027, 6, 28),
    ]
    assert session_dates(date(2027, 6, 5), date(2027, 6, 6), 1) == []


def test_a_pattern_of_workshops_with_tutor_groups_between_them(cohort, admin):
    cohort.starts_on, cohort.ends_on = date(2027, 1, 4), date(2027, 6, 30)
    cohort.save()
    pattern = SessionPattern(
        title="Workshop", kind="workshop", every_weeks=4, starts_at=time(9, 30), hours=6, venue="Room 1",
        tutor_groups_every_weeks=2,
    )

    sessions = sessions_generate(admin=admin, cohort_id=cohort.pk, pattern=pattern)

    workshops = [s for s in sessions if s.kind == "workshop"]
    tutor_groups = [s for s in sessions if s.kind == "tutor_group"]
    assert len(workshops) == 7
    assert all(timezone.localtime(s.starts_at).weekday() < 5 for s in sessions)
    assert {timezone.localdate(s.starts_at) for s in workshops}.isdisjoint(
        {timezone.localdate(s.starts_at) for s in tutor_groups}
    )
    assert all(s.is_online for s in tutor_groups)
    assert timezone.localtime(workshops[0].starts_at).time() == time(9, 30)


def test_sessions_cannot_be_regenerated_once_attendance_is_taken(cohort, admin):
    pattern = SessionPattern(title="Workshop", kind="workshop", every_weeks=4, starts_at=time(9), hours=3, venue="A")
    session = sessions_generate(admin=admin, cohort_id=cohort.pk, pattern=pattern)[0]
    learner = ApplicationFactory(cohort=cohort, accepted=True)
    attendance_record(admin=admin, session_id=session.pk, attended_ids={learner.pk}, now=session.starts_at)

    with pytest.raises(EnrolmentError):
        sessions_generate(admin=admin, cohort_id=cohort.pk, pattern=pattern)

    assert CohortSession.objects.filter(cohort=cohort).count() > 0


def test_two_sessions_of_the_academy_at_one_venue_and_time_are_flagged(client, cohort, admin, academy):
    starts = timezone.make_aware(datetime.combine(cohort.starts_on, time(10)))
    other = CohortFactory(programme=cohort.programme, academy=academy)
    for owner in (cohort, other):
        CohortSession.objects.create(
            cohort=owner, title=f"Workshop at {owner.name}", starts_at=starts, ends_at=starts + timedelta(hours=3),
            venue="Seminar room 2",
        )
    client.force_login(admin)

    html = client.get(reverse("enrolment:workspace")).content.decode()

    assert "Venue clashes" in html
    assert "Venue clash" in client.get(reverse("enrolment:workspace_cohort", args=[cohort.pk])).content.decode()


def test_attendance_is_marked_for_the_whole_cohort_in_one_form(client, cohort, admin):
    session = CohortSession.objects.create(
        cohort=cohort, title="Workshop 1", starts_at=timezone.now(), ends_at=timezone.now() + timedelta(hours=2)
    )
    present, absent = ApplicationFactory.create_batch(2, cohort=cohort, accepted=True)
    client.force_login(admin)

    response = client.post(reverse("enrolment:workspace_attendance", args=[session.pk]), {"attended": [present.pk]})

    assert response.status_code == 302
    assert dict(Attendance.objects.values_list("application_id", "attended")) == {present.pk: True, absent.pk: False}
    client.post(reverse("enrolment:workspace_attendance", args=[session.pk]), {"attended": [absent.pk]})
    assert dict(Attendance.objects.values_list("application_id", "attended")) == {present.pk: False, absent.pk: True}


def test_only_the_cohorts_learners_can_be_marked_present(cohort, admin):
    session = CohortSession.objects.create(
        cohort=cohort, title="Workshop 1", starts_at=timezone.now(), ends_at=timezone.now() + timedelta(hours=2)
    )
    outsider = ApplicationFactory(accepted=True)

    with pytest.raises(EnrolmentError):
        attendance_record(admin=admin, session_id=session.pk, attended_ids={outsider.pk})

    assert not Attendance.objects.exists()


@pytest.fixture
def started(cohort):
    cohort.starts_on = timezone.localdate() - timedelta(days=30)
    cohort.cpd_hours = 40
    cohort.save()
    return cohort


def test_outcomes_complete_learners_with_certificates_and_the_cohorts_cpd_hours(started, admin):
    finisher, leaver = ApplicationFactory.create_batch(2, cohort=started, accepted=True)

    completion_record(admin=admin, cohort_id=started.pk, outcomes={finisher.pk: True, leaver.pk: False}, cpd_hours=None)

    assert Application.objects.get(pk=finisher.pk).status == Status.COMPLETED
    assert Application.objects.get(pk=leaver.pk).status == Status.DID_NOT_COMPLETE
    certificate = Certificate.objects.get()
    assert (certificate.application, certificate.cpd_hours) == (finisher, 40)


def test_the_learner_downloads_the_certificate_and_anyone_can_verify_it(client, started, admin):
    learner = ApplicationFactory(cohort=started, accepted=True)
    completion_record(admin=admin, cohort_id=started.pk, outcomes={learner.pk: True}, cpd_hours=35)
    client.force_login(learner.applicant)

    detail = client.get(reverse("enrolment:application_detail", args=[learner.pk])).content.decode()
    code = Certificate.objects.get().code
    assert reverse("enrolment:certificate", args=[code]) in detail
    client.logout()
    assert "<strong>35</strong>" in client.get(reverse("enrolment:certificate", args=[code])).content.decode()


def test_outcomes_wait_until_the_cohort_has_started(cohort, admin):
    learner = ApplicationFactory(cohort=cohort, accepted=True)

    with pytest.raises(EnrolmentError):
        completion_record(admin=admin, cohort_id=cohort.pk, outcomes={learner.pk: True}, cpd_hours=None)

    assert not Certificate.objects.exists()


def read_csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_exports_neutralise_spreadsheet_formulas(client, cohort, admin):
    attacker = UserFactory(full_name='=HYPERLINK("http://evil.example","click")')
    ApplicationFactory(cohort=cohort, accepted=True, applicant=attacker, job_title="@SUM(A1:A9)")
    client.force_login(admin)

    roster = read_csv(client.get(reverse("enrolment:workspace_export", args=[cohort.pk, "roster"])))

    assert roster[0] == ["Name", "E-mail", "Organisation", "Job title", "Status"]
    assert roster[1][0] == "'=HYPERLINK(\"http://evil.example\",\"click\")"
    assert roster[1][3] == "'@SUM(A1:A9)"
    for kind in ("attendance", "outcomes"):
        rows = read_csv(client.get(reverse("enrolment:workspace_export", args=[cohort.pk, kind])))
        assert rows[1][0].startswith("'=")


def test_a_cohort_name_that_cannot_go_in_a_header_still_exports_under_a_safe_filename(client, cohort, admin):
    Cohort.objects.filter(pk=cohort.pk).update(name='Spring "A"\r\nSet-Cookie: x=1')
    client.force_login(admin)

    response = client.get(reverse("enrolment:workspace_export", args=[cohort.pk, "roster"]))

    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="spring-a-set-cookie-x1-roster.csv"'


def test_an_unknown_export_is_a_404(client, cohort, admin):
    client.force_login(admin)

    assert client.get(f"/academy/cohorts/{cohort.pk}/export/passwords.csv").status_code == 404


WORKSPACE_URLS = [
    ("enrolment:workspace_cohort", "cohort", "get"),
    ("enrolment:workspace_cohort_edit", "cohort", "get"),
    ("enrolment:workspace_cohort_edit", "cohort", "post"),
    ("enrolment:workspace_cohort_cancel", "cohort", "post"),
    ("enrolment:workspace_sessions_generate", "cohort", "post"),
    ("enrolment:workspace_session_create", "cohort", "get"),
    ("enrolment:workspace_outcomes", "cohort", "post"),
    ("enrolment:workspace_session_edit", "session", "post"),
    ("enrolment:workspace_session_delete", "session", "post"),
    ("enrolment:workspace_attendance", "session", "post"),
]


@pytest.mark.parametrize(("name", "target", "method"), WORKSPACE_URLS)
def test_an_admin_of_another_academy_gets_a_404_on_every_workspace_url(client, cohort, name, target, method):
    session = CohortSession.objects.create(
        cohort=cohort, title="Workshop 1", starts_at=timezone.now(), ends_at=timezone.now() + timedelta(hours=2)
    )
    client.force_login(AcademyAdminFactory(academy=AcademyFactory(local_partner=True)).user)
    args = [cohort.pk if target == "cohort" else session.pk]

    response = getattr(client, method)(reverse(name, args=args), {"reason": "x", "capacity": "1"})

    assert response.status_code == 404
    assert Cohort.objects.get(pk=cohort.pk).status != Cohort.Status.CANCELLED
    assert CohortSession.objects.filter(pk=session.pk).exists()


def test_another_academys_exports_are_404(client, cohort):
    client.force_login(AcademyAdminFactory(academy=AcademyFactory(local_partner=True)).user)

    assert client.get(reverse("enrolment:workspace_export", args=[cohort.pk, "roster"])).status_code == 404


def test_the_workspace_shows_only_the_admins_own_cohorts_in_a_fixed_number_of_queries(client, cohort, admin, academy):
    hidden = CohortFactory(name="Someone else's cohort")
    client.force_login(admin)

    def load() -> tuple[int, str]:
        with CaptureQueriesContext(connection) as queries:
            html = client.get(reverse("enrolment:workspace")).content.decode()
        return len(queries), html

    load()  # the signed-in user is now in the cache
    few, html = load()
    assert cohort.name in html
    assert hidden.name not in html
    for _ in range(8):
        ApplicationFactory(cohort=CohortFactory(programme=cohort.programme, academy=academy), accepted=True)
    many, _ = load()
    assert few == many


def test_staff_cannot_open_the_workspace(client):
    client.force_login(UserFactory())

    assert client.get(reverse("enrolment:workspace")).status_code == 403


def test_lowering_capacity_below_the_places_held_shows_the_error_beside_capacity(client, cohort, admin):
    ApplicationFactory.create_batch(2, cohort=cohort, accepted=True)
    client.force_login(admin)
    url = reverse("enrolment:workspace_cohort_edit", args=[cohort.pk])

    response = client.post(
        url,
        {
            "name": cohort.name,
            "starts_on": cohort.starts_on.isoformat(),
            "ends_on": cohort.ends_on.isoformat(),
            "venue": cohort.venue,
            "capacity": "1",
            "applications_open_at": timezone.localtime(cohort.applications_open_at).strftime("%Y-%m-%dT%H:%M"),
            "applications_close_at": timezone.localtime(cohort.applications_close_at).strftime("%Y-%m-%dT%H:%M"),
            "offer_days": "7",
        },
    )

    assert response.status_code == 200
    assert 'id="id_capacity_error"' in response.content.decode()
    assert Cohort.objects.get(pk=cohort.pk).capacity == 3


def test_a_session_is_held_at_a_venue_or_online_whatever_path_sets_it(client, cohort, admin):
    nowhere = SessionPattern(title="Workshop", kind="workshop", every_weeks=4, starts_at=time(9), hours=3, venue=" ")
    starts = timezone.now() + timedelta(days=70)
    session = CohortSession(cohort=cohort, title="Extra", starts_at=starts, ends_at=starts + timedelta(hours=1))
    client.force_login(admin)

    with pytest.raises(InvalidInput):
        sessions_generate(admin=admin, cohort_id=cohort.pk, pattern=nowhere)
    with pytest.raises(InvalidInput):
        session_save(admin=admin, session=session)
    response = client.post(
        reverse("enrolment:workspace_sessions_generate", args=[cohort.pk]),
        {"title": "Workshop", "kind": "workshop", "every_weeks": "4", "starts_at": "09:30", "hours": "6", "venue": ""},
    )

    assert 'id="id_venue_error"' in response.content.decode()
    assert not CohortSession.objects.exists()
