"""What the authenticated schemathesis run (test_academy_schemathesis.py) found, each kept fixed: the academy API's
answers, errors included, are what its schema says."""

import pytest
from django.urls import reverse

from enrolment.models import Cohort, Status
from tests.academies.factories import AcademyAdminFactory, AcademyFactory
from tests.api.conformance import assert_conforms
from tests.api.test_academy_api import client_with, decide, token_for
from tests.enrolment.factories import ApplicationFactory, CohortFactory
from tests.portal.factories import UserFactory
from tests.support.locks import HeldLock

pytestmark = pytest.mark.django_db

LIST = "/api/v1/academy/applications/"
DETAIL = "/api/v1/academy/applications/{id}/"
DECISION = "/api/v1/academy/applications/{id}/decision/"


@pytest.fixture
def admin():
    return AcademyAdminFactory(academy=AcademyFactory(local_partner=True))


def test_an_application_with_no_organisation_or_grade_conforms(admin):
    application = ApplicationFactory(
        cohort=CohortFactory(academy=admin.academy),
        applicant=UserFactory(),
        organisation=None,
        grade="",
        under_review=True,
    )
    url = reverse("api:academy_application", args=[application.pk])
    response = client_with(token_for(admin, "read").plain).get(url)
    assert response.status_code == 200 and response.json()["organisation"] is None
    assert_conforms(response, DETAIL)


def test_the_problems_a_token_may_get_are_in_the_schema(admin, client):
    paths = client.get(reverse("api:schema")).json()["paths"]
    answers = {
        (path, method): {
            code
            for code, response in operation["responses"].items()
            if "application/problem+json" in response.get("content", {})
        }
        for path, item in paths.items()
        if path.startswith("/api/v1/academy/")
        for method, operation in item.items()
    }
    assert answers[LIST, "get"] >= {"400", "401", "406", "429"}
    assert answers[DETAIL, "get"] >= {"401", "404", "406", "429"}
    assert answers[DECISION, "post"] >= {"400", "401", "403", "404", "406", "409", "415", "429"}
    read_only = client_with(token_for(admin, "read").plain)
    refused = decide(read_only, ApplicationFactory(cohort=CohortFactory(academy=admin.academy), under_review=True))
    assert refused.status_code == 403
    assert_conforms(refused, DECISION, "POST")


def test_a_page_past_the_last_is_a_400_naming_page(admin):
    response = client_with(token_for(admin, "read").plain).get(reverse("api:academy_applications"), {"page": 2})
    assert response.status_code == 400 and "page" in response.json()["errors"]
    assert_conforms(response, LIST)


def test_an_id_that_is_no_number_is_a_404_problem_not_the_html_page(admin, client):
    response = client_with(token_for(admin, "read").plain).get("/api/v1/academy/applications/x%C2%85/")
    assert response.status_code == 404 and response["Content-Type"] == "application/problem+json"
    assert response.json()["title"] == "There is no such resource"
    assert client.get("/api/v1/nothing-here/")["Content-Type"] == "application/problem+json"
    assert client.get("/nothing-here/")["Content-Type"].startswith("text/html")


@pytest.mark.parametrize(
    "body", [{"decision": "unsuccessful"}, {"decision": "unsuccessful", "reasons": ["criteria", "nonsense"]}]
)
def test_a_decisions_field_errors_are_lists_of_messages_as_the_schema_says(admin, body):
    application = ApplicationFactory(cohort=CohortFactory(academy=admin.academy), under_review=True)
    response = decide(client_with(token_for(admin).plain), application, **body)
    assert response.status_code == 400
    messages = response.json()["errors"]["reasons"]
    assert isinstance(messages, list) and messages and all(isinstance(message, str) for message in messages)
    assert_conforms(response, DECISION, "POST")


@pytest.mark.django_db(transaction=True)
def test_a_decision_that_finds_its_cohort_busy_is_a_503_to_retry_and_changes_nothing(admin, settings):
    settings.LOCK_TIMEOUT_MS = 200
    cohort = CohortFactory(academy=admin.academy, capacity=2)
    application = ApplicationFactory(cohort=cohort, under_review=True)
    client = client_with(token_for(admin).plain)

    with HeldLock(Cohort, cohort.pk):
        response = decide(client, application)

    assert response.status_code == 503
    assert response["Retry-After"] == "5"
    assert response.json()["detail"] == "Many people are using this cohort at the moment. Try again in a few seconds."
    assert_conforms(response, DECISION, "POST")
    application.refresh_from_db()
    assert application.status == Status.UNDER_REVIEW
    assert decide(client, application).status_code == 200, "asked again once the cohort is free, it is offered"
