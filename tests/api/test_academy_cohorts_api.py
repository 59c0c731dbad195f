"""The academy API's cohorts and sessions (issue 19 part 3): a bearer token plans its own academy's cohorts and
their sessions through the workspace's services, with the same rules; each write audited under the token's name,
and bad input, read tokens and other academies' ids change nothing."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from api.catalogue_queries import PROBLEM
from enrolment.models import ApplicationEvent, Attendance, Cohort, CohortSession, SessionChange, Status
from portal.models import AuditEntry
from tests.academies.factories import AcademyAdminFactory, AcademyFactory
from tests.api.conformance import assert_conforms
from tests.api.test_academy_api import client_with, token_for
from tests.enrolment.factories import ApplicationFactory, CohortFactory
from tests.programmes.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db

COHORTS = "/api/v1/academy/cohorts/"
COHORT = "/api/v1/academy/cohorts/{id}/"
SESSIONS = "/api/v1/academy/cohorts/{id}/sessions/"
SESSION = "/api/v1/academy/sessions/{id}/"


@pytest.fixture
def admin():
    return AcademyAdminFactory(academy=AcademyFactory(local_partner=True))


@pytest.fixture
def api(admin):
    """A read-write token's client; `label` is the token's name as the audit log keeps it."""
    created = token_for(admin)
    client = client_with(created.plain)
    client.label = created.token.label
    return client


@pytest.fixture
def cohort(admin):
    return CohortFactory(programme=ProgrammeFactory(provider=admin.academy), academy=admin.academy, capacity=3)


def session_of(cohort, days=61, **fields):
    starts = timezone.now() + timedelta(days=days)
    return CohortSession.objects.create(
        cohort=cohort, title="Workshop 1", starts_at=starts, ends_at=starts + timedelta(hours=3), venue="Leeds",
        **fields,
    )


def session_body(**changes):
    starts = timezone.now() + timedelta(days=70)
    return {
        "title": "Extra", "starts_at": starts.isoformat(), "ends_at": (starts + timedelta(hours=2)).isoformat(),
        "venue": "Leeds", **changes,
    }


def pattern_body(**changes):
    return {"title": "Workshop", "kind": "workshop", "every_weeks": 4, "starts_at": "09:30", "hours": 6,
            "venue": "Leeds", **changes}


def new_cohort(of, **changes):
    start = timezone.localdate() + timedelta(days=60)
    return {
        "programme": of.slug,
        "name": "Autumn cohort",
        "starts_on": start.isoformat(),
        "ends_on": (start + timedelta(days=180)).isoformat(),
        "venue": "Education centre",
        "capacity": 24,
        "applications_open_at": (timezone.now() - timedelta(hours=1)).isoformat(),
        "applications_close_at": (timezone.now() + timedelta(days=40)).isoformat(),
        **changes,
    }


def audited(action):
    return list(AuditEntry.objects.filter(action=action).values_list("actor_label", flat=True))


def assert_problem(response, status, field=None):
    assert response.status_code == status and response["Content-Type"] == PROBLEM, response.content
    if field:
        assert field in response.json()["errors"]


def test_the_list_holds_the_academys_cohorts_with_places_in_constant_queries(admin, cohort):
    ApplicationFactory(cohort=cohort, offered=True)
    CohortFactory()  # another academy's
    client = client_with(token_for(admin, "read").plain)
    url = reverse("api:academy_cohorts")
    client.get(url)  # the first use notes when the token was last used: one write, not counted here
    with CaptureQueriesContext(connection) as few:
        response = client.get(url)
    assert_conforms(response, COHORTS)
    [row] = response.json()["results"]
    assert (row["id"], row["places_held"], row["places_left"]) == (cohort.pk, 1, 2)
    for _ in range(4):
        ApplicationFactory(cohort=CohortFactory(programme=cohort.programme, academy=admin.academy), offered=True)
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).json()["count"] == 5
    assert len(many) == len(few)
    assert_problem(client.get(url, {"changed_since": "2026-01-01T00:00:00Z"}), 400, "changed_since")


def test_one_cohort_has_its_sessions_and_places(api, cohort):
    session = session_of(cohort)
    response = api.get(reverse("api:academy_cohort", args=[cohort.pk]))
    assert_conforms(response, COHORT)
    assert [row["id"] for row in response.json()["sessions"]] == [session.pk]
    assert response.json()["places_left"] == 3


def test_a_cohort_is_created_of_a_programme_the_academy_delivers_audited_with_the_tokens_name(admin, api):
    programme = ProgrammeFactory(delivering_academies=[admin.academy])
    response = api.post(reverse("api:academy_cohorts"), new_cohort(programme), format="json")
    assert response.status_code == 201
    assert_conforms(response, COHORTS, "POST")
    cohort = Cohort.objects.get(pk=response.json()["id"])
    assert (cohort.academy, cohort.programme, cohort.status) == (admin.academy, programme, Cohort.Status.OPEN)
    assert audited(AuditEntry.Action.COHORT_CREATED) == [api.label]


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"programme": "not-ours"}, "programme"),
        ({"starts_on": "0001-01-01"}, "starts_on"),
        ({"ends_on": "9999-12-31"}, "ends_on"),
        ({"ends_on": (timezone.localdate() + timedelta(days=30)).isoformat()}, "ends_on"),
        ({"ends_on": (timezone.localdate() + timedelta(days=60 + 6 * 366)).isoformat()}, "ends_on"),
        ({"venue": ""}, "venue"),
        ({"name": "x" * 201}, "name"),
        ({"capacity": "many"}, "capacity"),
        ({"capacity": 0}, "capacity"),
        ({"colour": "blue"}, "colour"),
        ({"status": "running"}, "status"),
        ({"academy": 1}, "academy"),
        ({"is_demo": True}, "is_demo"),
    ],
)
def test_bad_input_to_create_is_a_400_naming_the_field_and_creates_nothing(admin, api, changes, field):
    ProgrammeFactory(slug="not-ours")  # a programme of another academy
    programme = ProgrammeFactory(provider=admin.academy)
    before = snapshot()
    response = api.post(reverse("api:academy_cohorts"), new_cohort(programme, **changes), format="json")
    assert_problem(response, 400, field)
    assert_conforms(response, COHORTS, "POST")
    assert snapshot() == before


def test_a_name_the_academy_already_gave_a_cohort_of_the_programme_is_refused_on_the_name(api, cohort):
    response = api.post(
        reverse("api:academy_cohorts"), new_cohort(cohort.programme, name=cohort.name), format="json"
    )
    assert_problem(response, 400, "name")
    assert Cohort.objects.count() == 1


def test_a_cohort_is_changed_through_the_service_audited_with_the_tokens_name(api, cohort):
    url = reverse("api:academy_cohort", args=[cohort.pk])
    response = api.patch(url, {"capacity": 5, "is_online": True, "venue": ""}, format="json")
    assert response.status_code == 200
    assert_conforms(response, COHORT, "PATCH")
    cohort.refresh_from_db()
    assert (cohort.capacity, cohort.is_online) == (5, True)
    assert audited(AuditEntry.Action.COHORT_UPDATED) == [api.label]


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"capacity": 1}, "capacity"),  # below the two places held
        ({"ends_on": (timezone.localdate() + timedelta(days=1)).isoformat()}, "ends_on"),
        ({"applications_close_at": "9999-12-31T17:00:00Z"}, "applications_close_at"),
        ({"name": "x" * 201}, "name"),
        ({"status": "cancelled"}, "status"),
        ({"programme": "another"}, "programme"),
        ({"sessions": []}, "sessions"),
        ({"capacity": None}, "capacity"),
    ],
)
def test_bad_changes_are_a_400_naming_the_field_and_change_nothing(api, cohort, changes, field):
    ApplicationFactory.create_batch(2, cohort=cohort, offered=True)
    before = snapshot()
    response = api.patch(reverse("api:academy_cohort", args=[cohort.pk]), changes, format="json")
    assert_problem(response, 400, field)
    assert_conforms(response, COHORT, "PATCH")
    assert snapshot() == before


def test_a_cancelled_cohort_cannot_be_changed_a_409(api, cohort):
    Cohort.objects.filter(pk=cohort.pk).update(status=Cohort.Status.CANCELLED)
    response = api.patch(reverse("api:academy_cohort", args=[cohort.pk]), {"capacity": 9}, format="json")
    assert_problem(response, 409)
    assert response.json()["detail"] == "This cohort is cancelled, so it can no longer be changed."
    assert_conforms(response, COHORT, "PATCH")
    cohort.refresh_from_db()
    assert cohort.capacity == 3


def test_cancelling_releases_every_applicant_each_event_and_the_audit_naming_the_token(api, cohort):
    application = ApplicationFactory(cohort=cohort, under_review=True)
    url = reverse("api:academy_cohort_cancel", args=[cohort.pk])
    assert_problem(api.post(url, {"reason": "  "}, format="json"), 400, "reason")
    assert_problem(api.post(url, {"reason": "Venue closed", "notify": False}, format="json"), 400, "notify")
    response = api.post(url, {"reason": "Venue closed"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == Cohort.Status.CANCELLED
    assert_conforms(response, "/api/v1/academy/cohorts/{id}/cancel/", "POST")
    application.refresh_from_db()
    assert application.status == Status.COHORT_CANCELLED
    event = ApplicationEvent.objects.get(application=application, to_status=Status.COHORT_CANCELLED)
    assert event.actor_label == api.label
    assert audited(AuditEntry.Action.COHORT_CANCELLED) == [api.label]
    assert_problem(api.post(url, {"reason": "Again"}, format="json"), 409)


def write_requests(cohort, session):
    """Every write of the cohort API, on `cohort` and `session`, with a body that would be valid."""
    return [
        ("post", reverse("api:academy_cohorts"), new_cohort(cohort.programme, name="Another")),
        ("patch", reverse("api:academy_cohort", args=[cohort.pk]), {"capacity": 9}),
        ("post", reverse("api:academy_cohort_cancel", args=[cohort.pk]), {"reason": "Venue closed"}),
        ("post", reverse("api:academy_cohort_sessions", args=[cohort.pk]), session_body()),
        ("post", reverse("api:academy_sessions_generate", args=[cohort.pk]), pattern_body()),
        ("patch", reverse("api:academy_session", args=[session.pk]), {"title": "Renamed"}),
        ("delete", reverse("api:academy_session", args=[session.pk]), None),
    ]


def snapshot():
    return (
        list(Cohort.objects.values()), list(CohortSession.objects.values()), AuditEntry.objects.count(),
        SessionChange.objects.count(),
    )


def test_a_read_token_may_read_but_every_write_is_a_403_changing_nothing(admin, cohort):
    session = session_of(cohort)
    client = client_with(token_for(admin, "read").plain)
    assert client.get(reverse("api:academy_cohort_sessions", args=[cohort.pk])).status_code == 200
    assert client.get(reverse("api:academy_session", args=[session.pk])).status_code == 200
    before = snapshot()
    for method, url, body in write_requests(cohort, session):
        assert_problem(getattr(client, method)(url, body, format="json"), 403)
    assert snapshot() == before


def test_another_academys_cohorts_and_sessions_are_not_found_and_not_changed(api):
    theirs = CohortFactory()
    session = session_of(theirs)
    for url in (
        reverse("api:academy_cohort", args=[theirs.pk]),
        reverse("api:academy_cohort_sessions", args=[theirs.pk]),
        reverse("api:academy_session", args=[session.pk]),
    ):
        assert_problem(api.get(url), 404)
    before = snapshot()
    for method, url, body in write_requests(theirs, session)[1:]:
        assert_problem(getattr(api, method)(url, body, format="json"), 404)
    assert snapshot() == before


def test_the_sessions_list_conforms_in_constant_queries(api, cohort):
    session_of(cohort)
    url = reverse("api:academy_cohort_sessions", args=[cohort.pk])
    api.get(url)
    with CaptureQueriesContext(connection) as few:
        response = api.get(url)
    assert_conforms(response, SESSIONS)
    for days in range(62, 67):
        session_of(cohort, days=days)
    with CaptureQueriesContext(connection) as many:
        assert api.get(url).json()["count"] == 6
    assert len(many) == len(few)


def test_a_session_is_added_moved_and_deleted_place_holders_told_audited_with_the_tokens_name(api, cohort):
    ApplicationFactory(cohort=cohort, offered=True)
    starts = timezone.now() + timedelta(days=70)
    body = {"title": "Residential", "kind": "residential", "starts_at": starts.isoformat(),
            "ends_at": (starts + timedelta(hours=8)).isoformat(), "venue": "York"}
    created = api.post(reverse("api:academy_cohort_sessions", args=[cohort.pk]), body, format="json")
    assert created.status_code == 201
    assert_conforms(created, SESSIONS, "POST")
    url = reverse("api:academy_session", args=[created.json()["id"]])
    assert_conforms(api.get(url), SESSION)
    moved = api.patch(url, {"venue": "Hull"}, format="json")
    assert moved.status_code == 200 and moved.json()["sequence"] == 1
    assert_conforms(moved, SESSION, "PATCH")
    deleted = api.delete(url)
    assert deleted.status_code == 204 and not CohortSession.objects.exists()
    assert_conforms(deleted, SESSION, "DELETE")
    kinds = SessionChange.objects.order_by("pk").values_list("kind", flat=True)
    assert list(kinds) == [SessionChange.Kind.MOVED, SessionChange.Kind.CANCELLED]
    assert audited(AuditEntry.Action.SESSION_SAVED) == [api.label, api.label]
    assert audited(AuditEntry.Action.SESSION_DELETED) == [api.label]


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"ends_at": (timezone.now() + timedelta(days=69)).isoformat()}, "ends_at"),
        ({"starts_at": "0001-01-01T09:00:00Z"}, "starts_at"),
        ({"venue": "", "is_online": False}, "venue"),
        ({"title": "x" * 201}, "title"),
        ({"kind": "party"}, "kind"),
        ({"joining_url": "not a link"}, "joining_url"),
        ({"sequence": 5}, "sequence"),
        ({"cohort": 1}, "cohort"),
    ],
)
def test_bad_session_input_is_a_400_naming_the_field_and_changes_nothing(api, cohort, changes, field):
    session = session_of(cohort, days=70)
    before = snapshot()
    added = api.post(reverse("api:academy_cohort_sessions", args=[cohort.pk]), session_body(**changes), format="json")
    assert_problem(added, 400, field)
    assert_conforms(added, SESSIONS, "POST")
    changed = api.patch(reverse("api:academy_session", args=[session.pk]), changes, format="json")
    assert_problem(changed, 400, field)
    assert_conforms(changed, SESSION, "PATCH")
    assert snapshot() == before


def test_a_session_attended_cannot_be_deleted_a_409(api, cohort):
    session = session_of(cohort, days=-1)
    Attendance.objects.create(session=session, application=ApplicationFactory(cohort=cohort, accepted=True))
    response = api.delete(reverse("api:academy_session", args=[session.pk]))
    assert_problem(response, 409)
    assert_conforms(response, SESSION, "DELETE")
    assert CohortSession.objects.filter(pk=session.pk).exists()


def test_sessions_are_generated_from_a_pattern_place_holders_told_once_audited_with_the_tokens_name(
    api, cohort
):
    session_of(cohort)
    ApplicationFactory(cohort=cohort, accepted=True)
    url = reverse("api:academy_sessions_generate", args=[cohort.pk])
    response = api.post(url, pattern_body(tutor_groups_every_weeks=2), format="json")
    assert response.status_code == 201
    assert_conforms(response, "/api/v1/academy/cohorts/{id}/sessions/generate/", "POST")
    made = response.json()
    assert len(made) == CohortSession.objects.filter(cohort=cohort).count() > 6
    assert {row["kind"] for row in made} == {CohortSession.Kind.WORKSHOP, CohortSession.Kind.TUTOR_GROUP}
    assert list(SessionChange.objects.values_list("kind", flat=True)) == [SessionChange.Kind.REPLACED]
    assert audited(AuditEntry.Action.SESSIONS_GENERATED) == [api.label]


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"every_weeks": 0}, "every_weeks"),
        ({"hours": 13}, "hours"),
        ({"hours": "long"}, "hours"),
        ({"starts_at": "25:00"}, "starts_at"),
        ({"venue": ""}, "venue"),
        ({"title": "x" * 151}, "title"),
        ({"cohort": 3}, "cohort"),
    ],
)
def test_a_bad_pattern_is_a_400_naming_the_field_and_keeps_the_sessions(api, cohort, changes, field):
    session_of(cohort)
    before = snapshot()
    url = reverse("api:academy_sessions_generate", args=[cohort.pk])
    response = api.post(url, pattern_body(**changes), format="json")
    assert_problem(response, 400, field)
    assert snapshot() == before


def test_once_attendance_is_taken_the_sessions_are_not_regenerated_a_409(api, cohort):
    session = session_of(cohort, days=-1)
    Attendance.objects.create(session=session, application=ApplicationFactory(cohort=cohort, accepted=True))
    url = reverse("api:academy_sessions_generate", args=[cohort.pk])
    response = api.post(url, pattern_body(), format="json")
    assert_problem(response, 409)
    assert list(CohortSession.objects.values_list("pk", flat=True)) == [session.pk]
