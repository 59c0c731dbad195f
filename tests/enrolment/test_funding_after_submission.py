"""An application for any cohort in a region, placed by the academy on an employer-funded cohort, has no budget
holder: the applicant names one from their application page (the same rule as at submission) and the budget holder
gets their link; the academy's decision page says what is missing."""

from urllib.parse import urlparse

import pytest
from django.core import mail
from django.urls import reverse

from enrolment.funding import FundingKind, FundingState
from enrolment.models import Application, Status
from enrolment.services.funding import NO_BUDGET_HOLDER
from tests.enrolment.factories import ApplicationFactory

pytestmark = pytest.mark.django_db
HOLDER = {"budget_holder_name": "Bea Holder", "budget_holder_email": "budget.holder@example.nhs.test"}


@pytest.fixture
def in_region(cohort):
    """Someone who applied for any cohort in the region of an employer-funded cohort."""
    cohort.region = cohort.academy.region
    cohort.funding_kind = FundingKind.EMPLOYER
    cohort.save()
    return ApplicationFactory(cohort=None, programme=cohort.programme, region=cohort.region, under_review=True)


def funding_page(application) -> str:
    return reverse("enrolment:application_budget_holder", args=[application.pk])


def test_the_decision_page_says_no_budget_holder_is_named_and_an_offer_is_refused(client, admin, cohort, in_region):
    client.force_login(admin)
    url = reverse("enrolment:academy_application", args=[in_region.pk])

    assert FundingState.UNNAMED.label in client.get(url).content.decode()
    response = client.post(url, {"decision": "offer", "cohort": cohort.pk})

    assert NO_BUDGET_HOLDER in client.get(response.url).content.decode()
    assert Application.objects.get(pk=in_region.pk).status == Status.UNDER_REVIEW


def test_the_applicants_own_address_posted_straight_to_the_page_is_refused_and_saves_nothing(client, in_region):
    client.force_login(in_region.applicant)

    response = client.post(
        funding_page(in_region), {"budget_holder_name": "Me", "budget_holder_email": in_region.applicant.email}
    )

    assert response.status_code == 200
    assert "not your own" in response.content.decode()
    saved = Application.objects.get(pk=in_region.pk)
    assert (saved.budget_holder_email, saved.budget_holder_requested_at) == ("", None)


@pytest.mark.usefixtures("tasks_run_in_process")
def test_the_named_budget_holder_confirms_and_the_place_can_be_offered(
    client, admin, cohort, in_region, django_capture_on_commit_callbacks
):
    client.force_login(in_region.applicant)
    assert (
        "Name your budget holder"
        in client.get(reverse("enrolment:application_detail", args=[in_region.pk])).content.decode()
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(funding_page(in_region), HOLDER)

    assert response.status_code == 302
    [email] = [message for message in mail.outbox if message.to == [HOLDER["budget_holder_email"]]]
    assert f"any cohort in {cohort.region.name}" in email.body
    holder_link = urlparse(next(line for line in email.body.splitlines() if "/budget-holder/" in line).strip()).path
    assert client.post(holder_link, {"confirmed": "yes"}).status_code == 200
    assert client.get(funding_page(in_region)).status_code == 302, "asked once: the page is closed now"

    client.force_login(admin)
    client.post(
        reverse("enrolment:academy_application", args=[in_region.pk]), {"decision": "offer", "cohort": cohort.pk}
    )
    assert Application.objects.get(pk=in_region.pk).status == Status.OFFERED


def test_an_application_to_a_free_cohort_has_no_budget_holder_to_name(client, cohort):
    application = ApplicationFactory(cohort=cohort, under_review=True)
    client.force_login(application.applicant)

    response = client.post(funding_page(application), HOLDER)

    assert response.status_code == 302
    assert Application.objects.get(pk=application.pk).budget_holder_email == ""
