"""The academy API (issue 19 parts 3 and 5): a bearer token reads and decides its own academy's applications
through the same services and locks as the pages; bad tokens, bad input and other academies' ids change nothing."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from academies.api_tokens import academy_api_token_create, academy_api_token_revoke
from academies.models import AcademyApiToken
from enrolment.models import Application, Status
from enrolment.services.decisions import CohortFull, application_offer
from portal.models import AuditEntry
from tests.academies.factories import AcademyAdminFactory, AcademyFactory
from tests.conftest import run_at_once
from tests.enrolment.factories import ApplicationFactory, CohortFactory

pytestmark = pytest.mark.django_db


def token_for(admin, scope="read-write"):
    return academy_api_token_create(
        actor=admin.user, academy_id=admin.academy.pk, name="HR system", scope=scope, expires_in_days=30
    )


def client_with(plain):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {plain}")
    return client


@pytest.fixture
def admin():
    return AcademyAdminFactory(academy=AcademyFactory(local_partner=True))


@pytest.fixture
def cohort(admin):
    return CohortFactory(academy=admin.academy, capacity=2)


def decide(client, application, **body):
    url = reverse("api:academy_application_decision", args=[application.pk])
    return client.post(url, {"decision": "offer"} | body, format="json")


def test_the_list_holds_only_the_academys_applications_changed_since_in_constant_queries(admin, cohort):
    old = ApplicationFactory(cohort=cohort, under_review=True)
    Application.objects.filter(pk=old.pk).update(updated_at=timezone.now() - timedelta(days=3))
    ApplicationFactory(cohort=CohortFactory(), under_review=True)  # another academy's
    client = client_with(token_for(admin, "read").plain)
    url = reverse("api:academy_applications")
    client.get(url)  # the first use notes when the token was last used: one write, not counted here
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).json()["count"] == 1
    ApplicationFactory.create_batch(5, cohort=cohort, under_review=True)
    with CaptureQueriesContext(connection) as many:
        listed = client.get(url, {"changed_since": (timezone.now() - timedelta(days=1)).isoformat()}).json()
    assert listed["count"] == 5 and old.pk not in {row["id"] for row in listed["results"]}
    assert len(many) == len(few)


def test_another_academys_application_is_not_found_and_not_decided(admin, cohort):
    theirs = ApplicationFactory(cohort=CohortFactory(capacity=5), under_review=True)
    client = client_with(token_for(admin).plain)
    assert client.get(reverse("api:academy_application", args=[theirs.pk])).status_code == 404
    response = decide(client, theirs)
    assert response.status_code == 404 and response["Content-Type"] == "application/problem+json"
    theirs.refresh_from_db()
    assert theirs.status == Status.UNDER_REVIEW


def test_unknown_revoked_and_expired_tokens_get_401_and_a_read_token_cannot_write(admin, cohort):
    application = ApplicationFactory(cohort=cohort, under_review=True)
    url = reverse("api:academy_applications")
    assert client_with("lpa_nothing.here").get(url).status_code == 401
    assert APIClient().get(url).status_code == 401
    revoked = token_for(admin)
    academy_api_token_revoke(actor=admin.user, token_id=revoked.token.pk)
    expired = token_for(admin)
    AcademyApiToken.objects.filter(pk=expired.token.pk).update(expires_at=timezone.now())
    for created in (revoked, expired):
        response = client_with(created.plain).get(url)
        assert response.status_code == 401 and response["Content-Type"] == "application/problem+json"
    response = decide(client_with(token_for(admin, "read").plain), application)
    assert response.status_code == 403
    application.refresh_from_db()
    assert application.status == Status.UNDER_REVIEW


@pytest.mark.parametrize(
    "body, field",
    [
        ({"decision": "hire"}, "decision"),
        ({"decision": "unsuccessful", "reasons": ["not-a-reason"]}, "reasons"),
        ({"decision": "unsuccessful"}, "reasons"),
        ({"decision": "unsuccessful", "reasons": ["other"], "reason": "x" * 2001}, "reason"),
        ({"decision": "offer", "colour": "blue"}, "colour"),
        ({"decision": 7}, "decision"),
    ],
)
def test_bad_input_is_a_400_naming_the_field_and_changes_nothing(admin, cohort, body, field):
    application = ApplicationFactory(cohort=cohort, under_review=True)
    response = decide(client_with(token_for(admin).plain), application, **body)
    assert response.status_code == 400 and response["Content-Type"] == "application/problem+json"
    assert field in response.json()["errors"]
    application.refresh_from_db()
    assert application.status == Status.UNDER_REVIEW


def test_malformed_json_is_a_400_problem(admin, cohort):
    application = ApplicationFactory(cohort=cohort, under_review=True)
    url = reverse("api:academy_application_decision", args=[application.pk])
    response = client_with(token_for(admin).plain).post(url, "{not json", content_type="application/json")
    assert response.status_code == 400 and response["Content-Type"] == "application/problem+json"


def test_an_unsuccessful_decision_with_reasons_is_audited_with_the_tokens_name(admin, cohort):
    application = ApplicationFactory(cohort=cohort, under_review=True)
    created = token_for(admin)
    response = decide(client_with(created.plain), application, decision="unsuccessful", reasons=["criteria"])
    assert response.status_code == 200 and response.json()["status"] == Status.UNSUCCESSFUL
    entry = AuditEntry.objects.get(action=AuditEntry.Action.APPLICATION_DECIDED)
    assert entry.actor_label == created.token.label and "HR system" in entry.actor_label


def test_a_token_can_do_nothing_its_creator_could_not(admin, cohort):
    """Once its creator no longer runs the academy, the token is refused, as the person would be on the pages."""
    application = ApplicationFactory(cohort=cohort, under_review=True)
    created = token_for(admin)
    admin.delete()
    assert decide(client_with(created.plain), application).status_code == 401
    application.refresh_from_db()
    assert application.status == Status.UNDER_REVIEW


@override_settings(API_TOKEN_RATE="2/min")
def test_past_the_rate_a_token_gets_429_with_retry_after(admin):
    client = client_with(token_for(admin, "read").plain)
    url = reverse("api:academy_applications")
    assert [client.get(url).status_code for _ in range(2)] == [200, 200]
    response = client.get(url)
    assert response.status_code == 429 and int(response["Retry-After"]) > 0
    assert client_with(token_for(admin, "read").plain).get(url).status_code == 200  # another token: its own count


@pytest.mark.django_db(transaction=True)
def test_done_when_an_application_is_found_and_offered_through_the_api_alone_never_over_capacity():
    """Submitted applications found by changed_since, then offered at once through the API: exactly the
    cohort's capacity are offered, the rest refused with a 409, none over."""
    assert connection.vendor == "postgresql"
    admin = AcademyAdminFactory(academy=AcademyFactory(local_partner=True))
    cohort = CohortFactory(academy=admin.academy, capacity=3)
    since = timezone.now() - timedelta(seconds=1)
    ApplicationFactory.create_batch(12, cohort=cohort, under_review=True)
    plain = token_for(admin).plain
    listed = client_with(plain).get(reverse("api:academy_applications"), {"changed_since": since.isoformat()})
    ids = [row["id"] for row in listed.json()["results"]]
    assert len(ids) == 12
    codes = []

    def offer(pk):
        url = reverse("api:academy_application_decision", args=[pk])
        codes.append(client_with(plain).post(url, {"decision": "offer"}, format="json").status_code)

    assert run_at_once(offer, ids) == []
    assert sorted(codes) == [200] * 3 + [409] * 9
    assert Application.objects.filter(cohort=cohort, status=Status.OFFERED).count() == 3


def test_where_the_person_is_refused_an_offer_the_token_is_refused_the_same(admin):
    """A full cohort: the admin's own offer (the pages' service) and the token's get the same refusal."""
    cohort = CohortFactory(academy=admin.academy, capacity=1)
    ApplicationFactory(cohort=cohort, offered=True)
    by_person, by_token = ApplicationFactory.create_batch(2, cohort=cohort, under_review=True)
    with pytest.raises(CohortFull) as refused:
        application_offer(application_id=by_person.pk, admin=admin.user)
    response = decide(client_with(token_for(admin).plain), by_token)
    assert response.status_code == 409 and response.json()["detail"] == str(refused.value)
    assert Application.objects.filter(cohort=cohort, status=Status.OFFERED).count() == 1
