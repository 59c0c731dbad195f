"""The academy API records attendance and outcomes, and offers a place in another cohort (issue 19 part 3): through
the same services, locks and refusals as the workspace's pages, audited under the token's name; read tokens, other
academies' ids and bad input change nothing."""

from datetime import timedelta

import pytest
import schemathesis
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, assume, given, settings
from schemathesis import GenerationMode
from schemathesis.core.parameters import ParameterLocation
from schemathesis.specs.openapi.checks import positive_data_acceptance

from enrolment.allocation_selectors import cohort_ledger
from enrolment.models import Application, ApplicationEvent, Attendance, Certificate, CohortSession, Status
from enrolment.services.completion import outcomes_refusal
from enrolment.services.sessions import attendance_refusal
from portal.models import AuditEntry
from tests.academies.factories import AcademyAdminFactory, AcademyFactory
from tests.api.conformance import assert_conforms
from tests.api.test_academy_api import client_with, decide, token_for
from tests.conftest import run_at_once
from tests.enrolment.factories import ApplicationFactory, CohortFactory
from tests.programmes.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db

ATTENDANCE = "/api/v1/academy/sessions/{id}/attendance/"
OUTCOMES = "/api/v1/academy/cohorts/{id}/outcomes/"
DECISION = "/api/v1/academy/applications/{id}/decision/"


@pytest.fixture
def admin():
    return AcademyAdminFactory(academy=AcademyFactory(local_partner=True))


@pytest.fixture
def started(admin):
    return CohortFactory(academy=admin.academy, starts_in_days=-30, cpd_hours=40)


def a_session(cohort, begins_in=timedelta(hours=-1)):
    starts = timezone.now() + begins_in
    return CohortSession.objects.create(
        cohort=cohort, title="Workshop 1", starts_at=starts, ends_at=starts + timedelta(hours=3)
    )


def attendance_url(session):
    return reverse("api:academy_session_attendance", args=[session.pk])


def outcomes_url(cohort):
    return reverse("api:academy_cohort_outcomes", args=[cohort.pk])


def audited():
    """Audit entries besides the token's own creation."""
    return AuditEntry.objects.exclude(action=AuditEntry.Action.API_TOKEN_CREATED)


def marks():
    return dict(Attendance.objects.values_list("application_id", "attended"))


# Attendance


def test_attendance_lists_each_participant_and_whether_they_attended_in_constant_queries(admin, started):
    session = a_session(started)
    present = ApplicationFactory(cohort=started, accepted=True)
    ApplicationFactory(cohort=started, offered=True)  # an offer not yet accepted: not a participant
    Attendance.objects.create(session=session, application=present, attended=True)
    client = client_with(token_for(admin, "read").plain)
    client.get(attendance_url(session))  # the first use notes when the token was last used
    with CaptureQueriesContext(connection) as few:
        response = client.get(attendance_url(session))
    assert_conforms(response, ATTENDANCE)
    assert [(row["application"], row["attended"]) for row in response.json()["participants"]] == [(present.pk, True)]
    ApplicationFactory.create_batch(4, cohort=started, accepted=True)
    with CaptureQueriesContext(connection) as many:
        participants = client.get(attendance_url(session)).json()["participants"]
    assert len(participants) == 5 and sorted(row["attended"] is None for row in participants) == [False] + [True] * 4
    assert len(many) == len(few)


def test_attendance_is_recorded_for_everyone_at_once_and_audited_with_the_tokens_name(admin, started):
    session = a_session(started)
    present, absent = ApplicationFactory.create_batch(2, cohort=started, accepted=True)
    created = token_for(admin)

    response = client_with(created.plain).put(attendance_url(session), {"attended": [present.pk]}, format="json")

    assert response.status_code == 200
    assert_conforms(response, ATTENDANCE, "PUT")
    assert {row["application"]: row["attended"] for row in response.json()["participants"]} == marks()
    assert marks() == {present.pk: True, absent.pk: False}
    entry = AuditEntry.objects.get(action=AuditEntry.Action.ATTENDANCE_RECORDED)
    assert (entry.actor, entry.actor_label, entry.object_id) == (admin.user, created.token.label, str(session.pk))
    assert "HR system" in entry.actor_label and entry.summary == "1 attended, 1 absent"


def test_the_page_records_attendance_through_the_same_service_audited_under_the_admin(client, admin, started):
    session = a_session(started)
    present, absent = ApplicationFactory.create_batch(2, cohort=started, accepted=True)
    client.force_login(admin.user)

    client.post(reverse("enrolment:workspace_attendance", args=[session.pk]), {"attended": [present.pk]})
    created = token_for(admin)
    client_with(created.plain).put(attendance_url(session), {"attended": [absent.pk]}, format="json")

    assert marks() == {present.pk: False, absent.pk: True}
    entries = audited().filter(action=AuditEntry.Action.ATTENDANCE_RECORDED).order_by("pk")
    assert [(entry.actor, entry.actor_label) for entry in entries] == [
        (admin.user, ""), (admin.user, created.token.label)
    ]


def test_attendance_before_the_session_begins_is_refused_with_the_pages_message(admin, started):
    session = a_session(started, begins_in=timedelta(days=2))
    learner = ApplicationFactory(cohort=started, accepted=True)
    client = client_with(token_for(admin).plain)

    response = client.put(attendance_url(session), {"attended": [learner.pk]}, format="json")

    assert response.status_code == 409 and response["Content-Type"] == "application/problem+json"
    assert response.json()["detail"] == attendance_refusal(session)
    assert_conforms(response, ATTENDANCE, "PUT")
    assert not Attendance.objects.exists() and not audited().exists()


@pytest.mark.parametrize(
    "body, field",
    [
        ({}, "attended"),
        ({"attended": "everyone"}, "attended"),
        ({"attended": ["one"]}, "attended"),
        ({"attended": [0]}, "attended"),
        ({"attended": [2**63]}, "attended"),
        ({"attended": [], "absent": []}, "absent"),
        (["not", "an", "object"], "non_field_errors"),
    ],
)
def test_bad_attendance_is_a_400_naming_the_field_and_changes_nothing(admin, started, body, field):
    session = a_session(started)
    ApplicationFactory(cohort=started, accepted=True)

    response = client_with(token_for(admin).plain).put(attendance_url(session), body, format="json")

    assert response.status_code == 400 and field in response.json()["errors"]
    assert_conforms(response, ATTENDANCE, "PUT")
    assert not Attendance.objects.exists()


def test_only_people_with_a_place_on_the_cohort_can_be_marked_present(admin, started):
    session = a_session(started)
    learner = ApplicationFactory(cohort=started, accepted=True)
    offered = ApplicationFactory(cohort=started, offered=True)
    elsewhere = ApplicationFactory(cohort=CohortFactory(academy=admin.academy), accepted=True)
    client = client_with(token_for(admin).plain)

    for outsider in (offered, elsewhere):
        body = {"attended": [learner.pk, outsider.pk]}
        response = client.put(attendance_url(session), body, format="json")
        assert response.status_code == 400
        assert response.json()["errors"] == {"attended": ["Only the cohort's participants can be marked as attending."]}
    assert not Attendance.objects.exists() and not audited().exists()


# Outcomes


def test_outcomes_complete_learners_with_certificates_audited_with_the_tokens_name(admin, started):
    finisher, leaver, undecided = ApplicationFactory.create_batch(3, cohort=started, accepted=True)
    created = token_for(admin)
    body = {"outcomes": {str(finisher.pk): "completed", str(leaver.pk): "did_not_complete"}, "cpd_hours": 35}

    response = client_with(created.plain).post(outcomes_url(started), body, format="json")

    assert response.status_code == 200
    assert_conforms(response, OUTCOMES, "POST")
    certificate = Certificate.objects.get()
    assert response.json() == [
        {"application": finisher.pk, "status": Status.COMPLETED, "certificate": str(certificate.code)},
        {"application": leaver.pk, "status": Status.DID_NOT_COMPLETE, "certificate": None},
    ]
    assert (certificate.application, certificate.cpd_hours) == (finisher, 35)
    assert Application.objects.get(pk=undecided.pk).status == Status.ACCEPTED
    entry = AuditEntry.objects.get(action=AuditEntry.Action.OUTCOMES_RECORDED)
    assert (entry.actor_label, entry.summary) == (created.token.label, "1 completed, 1 did not complete")
    event = ApplicationEvent.objects.get(application=finisher, to_status=Status.COMPLETED)
    assert event.actor_label == created.token.label


def test_outcomes_before_the_cohort_starts_are_refused_with_the_pages_message(admin):
    upcoming = CohortFactory(academy=admin.academy)
    learner = ApplicationFactory(cohort=upcoming, accepted=True)

    response = client_with(token_for(admin).plain).post(
        outcomes_url(upcoming), {"outcomes": {str(learner.pk): "completed"}}, format="json"
    )

    assert response.status_code == 409 and response.json()["detail"] == outcomes_refusal(upcoming)
    assert_conforms(response, OUTCOMES, "POST")
    assert Application.objects.get(pk=learner.pk).status == Status.ACCEPTED and not Certificate.objects.exists()


@pytest.mark.parametrize(
    "body, field",
    [
        ({}, "outcomes"),
        ({"outcomes": {}}, "outcomes"),
        ({"outcomes": ["completed"]}, "outcomes"),
        ({"outcomes": {"first": "completed"}}, "outcomes"),
        ({"outcomes": {str(2**63): "completed"}}, "outcomes"),
        ({"outcomes": {"LEARNER": "passed"}}, "outcomes"),
        ({"outcomes": {"LEARNER": "completed"}, "cpd_hours": 0}, "cpd_hours"),
        ({"outcomes": {"LEARNER": "completed"}, "cpd_hours": 501}, "cpd_hours"),
        ({"outcomes": {"LEARNER": "completed"}, "cpd_hours": "lots"}, "cpd_hours"),
        ({"outcomes": {"LEARNER": "completed"}, "grade": "A"}, "grade"),
        ({"outcomes": {"OUTSIDER": "completed", "LEARNER": "completed"}}, "outcomes"),
    ],
)
def test_bad_outcomes_are_a_400_naming_the_field_and_change_nothing(admin, started, body, field):
    learner = ApplicationFactory(cohort=started, accepted=True)
    outsider = ApplicationFactory(cohort=started, offered=True)
    ids = {"LEARNER": str(learner.pk), "OUTSIDER": str(outsider.pk)}
    if isinstance(body.get("outcomes"), dict):
        body = body | {"outcomes": {ids.get(key, key): value for key, value in body["outcomes"].items()}}

    response = client_with(token_for(admin).plain).post(outcomes_url(started), body, format="json")

    assert response.status_code == 400 and field in response.json()["errors"]
    assert_conforms(response, OUTCOMES, "POST")
    assert Application.objects.get(pk=learner.pk).status == Status.ACCEPTED
    assert not Certificate.objects.exists() and not audited().exists()


# Scope: read tokens and other academies


def test_a_read_token_reads_attendance_but_records_nothing(admin, started):
    session = a_session(started)
    learner = ApplicationFactory(cohort=started, accepted=True)
    other = CohortFactory(academy=admin.academy, programme=started.programme)
    applicant = ApplicationFactory(cohort=started, under_review=True)
    client = client_with(token_for(admin, "read").plain)

    assert client.get(attendance_url(session)).status_code == 200
    responses = [
        client.put(attendance_url(session), {"attended": [learner.pk]}, format="json"),
        client.post(outcomes_url(started), {"outcomes": {str(learner.pk): "completed"}}, format="json"),
        decide(client, applicant, cohort=other.pk),
    ]

    assert [response.status_code for response in responses] == [403, 403, 403]
    assert_conforms(responses[0], ATTENDANCE, "PUT")
    assert_conforms(responses[1], OUTCOMES, "POST")
    assert not Attendance.objects.exists() and not Certificate.objects.exists()
    assert Application.objects.get(pk=applicant.pk).status == Status.UNDER_REVIEW


def test_another_academys_session_cohort_and_application_are_not_found(admin):
    theirs = CohortFactory(starts_in_days=-30)
    session = a_session(theirs)
    learner = ApplicationFactory(cohort=theirs, accepted=True)
    applicant = ApplicationFactory(cohort=CohortFactory(programme=theirs.programme), under_review=True)
    client = client_with(token_for(admin).plain)

    responses = [
        client.get(attendance_url(session)),
        client.put(attendance_url(session), {"attended": [learner.pk]}, format="json"),
        client.post(outcomes_url(theirs), {"outcomes": {str(learner.pk): "completed"}}, format="json"),
        decide(client, applicant, cohort=theirs.pk),
    ]

    assert [response.status_code for response in responses] == [404, 404, 404, 404]
    assert_conforms(responses[0], ATTENDANCE)
    assert_conforms(responses[2], OUTCOMES, "POST")
    assert_conforms(responses[3], DECISION, "POST")
    assert not Attendance.objects.exists() and not Certificate.objects.exists()
    assert Application.objects.get(pk=applicant.pk).status == Status.UNDER_REVIEW


# A decision for another cohort


def test_a_place_or_the_waiting_list_of_another_cohort_is_offered_and_audited(admin):
    applied = CohortFactory(academy=admin.academy)
    other = CohortFactory(academy=admin.academy, programme=applied.programme, capacity=1)
    offered, waitlisted = ApplicationFactory.create_batch(2, cohort=applied, under_review=True)
    created = token_for(admin)
    client = client_with(created.plain)

    response = decide(client, offered, cohort=other.pk)

    assert response.status_code == 200 and response.json()["cohort"] == other.pk
    assert_conforms(response, DECISION, "POST")
    response = decide(client, waitlisted, decision="waitlist", cohort=other.pk)
    assert (response.status_code, response.json()["status"], response.json()["cohort"]) == (
        200, Status.WAITLISTED, other.pk
    )
    entries = AuditEntry.objects.filter(action=AuditEntry.Action.APPLICATION_DECIDED)
    assert set(entries.values_list("summary", "actor_label")) == {
        (f"offer (cohort {other.pk})", created.token.label),
        (f"waitlist (cohort {other.pk})", created.token.label),
    }


def test_a_cohort_of_another_programme_or_academy_is_a_400_naming_the_cohort(admin):
    applied = CohortFactory(academy=admin.academy)
    another_programme = CohortFactory(academy=admin.academy, programme=ProgrammeFactory())
    another_academy = CohortFactory(programme=applied.programme)
    also_run_by_the_admin = CohortFactory(programme=applied.programme)  # the admin runs it, but not the token's
    AcademyAdminFactory(user=admin.user, academy=also_run_by_the_admin.academy)
    application = ApplicationFactory(cohort=applied, under_review=True)
    client = client_with(token_for(admin).plain)

    for cohort, decision in [
        (another_programme, "offer"), (another_academy, "offer"), (also_run_by_the_admin, "waitlist"),
        (applied, "unsuccessful"), (0, "offer"), (2**63, "offer"),
    ]:
        body = {"decision": decision, "reasons": ["criteria"]} if decision == "unsuccessful" else {"decision": decision}
        response = decide(client, application, **body, cohort=getattr(cohort, "pk", cohort))
        assert response.status_code == 400 and list(response.json()["errors"]) == ["cohort"], response.json()
        assert_conforms(response, DECISION, "POST")
    assert Application.objects.get(pk=application.pk).status == Status.UNDER_REVIEW
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.APPLICATION_DECIDED).exists()


@pytest.mark.django_db(transaction=True)
def test_offering_into_another_cohort_at_once_never_exceeds_its_places():
    """Applications to one cohort offered places of another all at once: exactly its capacity are offered, the
    rest get the service's 409, and the other cohort's ledger balances."""
    admin = AcademyAdminFactory(academy=AcademyFactory(local_partner=True))
    applied = CohortFactory(academy=admin.academy, capacity=20)
    other = CohortFactory(academy=admin.academy, programme=applied.programme, capacity=3)
    ids = [a.pk for a in ApplicationFactory.create_batch(10, cohort=applied, under_review=True)]
    plain = token_for(admin).plain
    codes = []

    def offer(pk):
        url = reverse("api:academy_application_decision", args=[pk])
        codes.append(client_with(plain).post(url, {"decision": "offer", "cohort": other.pk}, format="json").status_code)

    assert run_at_once(offer, ids) == []
    assert sorted(codes) == [200] * 3 + [409] * 7
    ledger = cohort_ledger(other)
    assert ledger.open_taken == 3 <= ledger.open_places
    assert Application.objects.filter(cohort=other, status=Status.OFFERED).count() == 3
    assert not Application.objects.filter(cohort=applied, status=Status.OFFERED).exists()


# Generated requests


def generated(operation, mode: GenerationMode, *, pk: int, token: str) -> None:
    """15 generated requests of one kind to the operation on the row `pk` with the token, each answer checked by
    every check. Negative cases are those whose body breaks the schema (the id and the token are set here)."""

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=15, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def run(case):
        assume(not case.meta.is_negative_at(ParameterLocation.PATH))
        assume(not case.meta.is_negative_at(ParameterLocation.HEADER))
        case.path_parameters = {"id": pk}
        headers = {name: value for name, value in (case.headers or {}).items() if name.lower() != "authorization"}
        case.headers = headers | {"Authorization": f"Bearer {token}"}
        case.call_and_validate(excluded_checks=[positive_data_acceptance])

    run()


@pytest.mark.django_db(transaction=True)
def test_generated_records_get_no_5xx_and_answer_as_the_schema_says(live_server):
    """Schemathesis sends generated bodies, valid and invalid, to the attendance, outcomes and decision operations of
    real rows, with a read-write token: no 5xx, and every answer's status, content type and body as the schema says
    (a schema-valid body may still be refused: ids not on the cohort are a 400 naming the field)."""
    admin = AcademyAdminFactory(academy=AcademyFactory(local_partner=True))
    started = CohortFactory(academy=admin.academy, starts_in_days=-30)
    ApplicationFactory.create_batch(2, cohort=started, accepted=True)
    applicant = ApplicationFactory(
        cohort=CohortFactory(academy=admin.academy, programme=started.programme), under_review=True
    )
    ids = {ATTENDANCE: a_session(started).pk, OUTCOMES: started.pk, DECISION: applicant.pk}
    token = token_for(admin).plain
    schema = schemathesis.openapi.from_url(live_server.url + "/api/v1/schema/")
    generated(schema[ATTENDANCE]["GET"], GenerationMode.POSITIVE, pk=ids[ATTENDANCE], token=token)
    for path, method in [(ATTENDANCE, "PUT"), (OUTCOMES, "POST"), (DECISION, "POST")]:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            generated(schema[path][method], mode, pk=ids[path], token=token)
