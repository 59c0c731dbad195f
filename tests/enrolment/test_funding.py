"""Who pays: an employer-funded place needs its budget holder's confirmation, from a signed, expiring, single-use
link, before the academy can offer it; a cohort's fee is checked wherever it is set."""

from datetime import timedelta
from decimal import Decimal
from urllib.parse import urlparse

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from enrolment.funding import FUNDING_KIND_TEXT, BudgetHolderAnswer, FundingKind
from enrolment.models import Application, Cohort, Status
from enrolment.services.applications import ApplicationDetails, IncompleteApplication, application_submit
from enrolment.services.decisions import application_offer
from enrolment.services.funding import (
    FundingNotConfirmed,
    budget_holder_link_token,
    budget_holder_reminders_send,
)
from enrolment.services.waiting_list import waiting_list_promote
from enrolment.tasks import send_budget_holder_email
from tests.enrolment.factories import ApplicationFactory
from tests.enrolment.test_admin import change_url, form_data, form_errors
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db
HOLDER = {"budget_holder_name": "Bea Holder", "budget_holder_email": "budget.holder@example.nhs.test"}


@pytest.fixture
def funded(cohort):
    cohort.funding_kind = FundingKind.EMPLOYER
    cohort.fee = Decimal("1200.00")
    cohort.save()
    return cohort


@pytest.fixture
def waiting(funded):
    return ApplicationFactory(cohort=funded, under_review=True, budget_holder_requested_at=timezone.now(), **HOLDER)


def workspace_data(cohort, **changes) -> dict:
    """form_data, with each date and time in the one field the workspace's form posts it in."""
    data = form_data(cohort, **changes)
    for name in ("applications_open_at", "applications_close_at"):
        data[name] = f"{data.pop(f'{name}_0')}T{data.pop(f'{name}_1')[:5]}"
    return data


def link(application) -> str:
    return reverse("enrolment:budget_holder", args=[budget_holder_link_token(application)])


def test_an_employer_funded_application_needs_a_budget_holder_who_is_not_the_applicant(funded):
    draft = ApplicationFactory(cohort=funded, status=Status.DRAFT)
    details = ApplicationDetails.of(draft)

    with pytest.raises(IncompleteApplication) as missing:
        application_submit(application_id=draft.pk, applicant=draft.applicant, details=details)
    own = {"budget_holder_name": "Me", "budget_holder_email": draft.applicant.email}
    with pytest.raises(IncompleteApplication) as itself:
        application_submit(
            application_id=draft.pk, applicant=draft.applicant, details=details.__class__(**{**details.__dict__, **own})
        )

    assert set(missing.value.problems) >= {"budget_holder_name", "budget_holder_email"}
    assert itself.value.problems["budget_holder_email"] == "Enter your budget holder's e-mail address, not your own"
    assert Application.objects.get(pk=draft.pk).status == Status.DRAFT


def test_the_budget_holder_page_posted_with_the_applicants_own_address_is_an_error_and_saves_nothing(client, funded):
    draft = ApplicationFactory(cohort=funded, status=Status.DRAFT)
    client.force_login(draft.applicant)
    url = reverse("enrolment:application_page", args=[draft.pk, "budget-holder"])

    response = client.post(url, {"budget_holder_name": "Me", "budget_holder_email": draft.applicant.email})

    assert response.status_code == 200
    assert "not your own" in response.content.decode()
    assert Application.objects.get(pk=draft.pk).budget_holder_email == ""


@pytest.mark.usefixtures("tasks_run_in_process")
def test_submitting_emails_the_budget_holder_a_working_link_once(client, funded, django_capture_on_commit_callbacks):
    draft = ApplicationFactory(cohort=funded, status=Status.DRAFT, **HOLDER)

    with django_capture_on_commit_callbacks(execute=True):
        application_submit(application_id=draft.pk, applicant=draft.applicant, details=ApplicationDetails.of(draft))

    to_holder = [message for message in mail.outbox if message.to == [HOLDER["budget_holder_email"]]]
    assert len(to_holder) == 1
    assert send_budget_holder_email(draft.pk, False) is False, "the same e-mail is never sent twice"
    url = next(line for line in to_holder[0].body.splitlines() if "/budget-holder/" in line).strip()
    assert client.get(urlparse(url).path).status_code == 200


def test_no_offer_until_the_budget_holder_confirms_posted_straight_to_the_decision_page(client, admin, waiting):
    client.force_login(admin)
    url = reverse("enrolment:academy_application", args=[waiting.pk])

    assert "Waiting for the budget holder" in client.get(url).content.decode()
    response = client.post(url, {"decision": "offer"})

    assert "once the budget holder confirms" in client.get(response.url).content.decode()
    assert Application.objects.get(pk=waiting.pk).status == Status.UNDER_REVIEW

    assert client.post(link(waiting), {"confirmed": "yes"}).status_code == 200
    assert "Funding confirmed by the budget holder" in client.get(url).content.decode()
    client.post(url, {"decision": "offer"})
    assert Application.objects.get(pk=waiting.pk).status == Status.OFFERED


def test_a_declined_funding_cannot_be_offered(client, admin, waiting):
    client.post(link(waiting), {"confirmed": "no"})

    with pytest.raises(FundingNotConfirmed, match="declined"):
        application_offer(application_id=waiting.pk, admin=admin)
    assert Application.objects.get(pk=waiting.pk).budget_holder_answer == BudgetHolderAnswer.DECLINED


def test_a_free_cohort_needs_no_budget_holder(admin, cohort):
    application = ApplicationFactory(cohort=cohort, under_review=True)

    application_offer(application_id=application.pk, admin=admin)

    assert Application.objects.get(pk=application.pk).status == Status.OFFERED


def test_the_link_works_once(client, waiting):
    url = link(waiting)
    client.post(url, {"confirmed": "yes"})

    response = client.post(url, {"confirmed": "no"})

    assert response.status_code == 410
    assert "already been used" in response.content.decode()
    assert Application.objects.get(pk=waiting.pk).budget_holder_answer == BudgetHolderAnswer.CONFIRMED


def test_an_altered_link_is_refused_and_changes_nothing(client, waiting):
    token = budget_holder_link_token(waiting)
    altered = token[:-3] + ("abc" if not token.endswith("abc") else "xyz")

    response = client.post(reverse("enrolment:budget_holder", args=[altered]), {"confirmed": "yes"})

    assert response.status_code == 410
    assert "not valid" in response.content.decode()
    assert Application.objects.get(pk=waiting.pk).budget_holder_answer == ""


def test_a_link_past_its_days_from_the_request_is_refused(client, waiting, settings):
    Application.objects.filter(pk=waiting.pk).update(budget_holder_requested_at=timezone.now() - timedelta(days=15))
    settings.BUDGET_HOLDER_LINK_DAYS = 14

    response = client.post(link(waiting), {"confirmed": "yes"})

    assert response.status_code == 410
    assert "expired" in response.content.decode()
    assert Application.objects.get(pk=waiting.pk).budget_holder_answer == ""


def test_no_answer_chosen_is_an_error_on_the_field(client, waiting):
    response = client.post(link(waiting), {})

    assert "Choose whether you confirm the funding" in response.content.decode()
    assert Application.objects.get(pk=waiting.pk).budget_holder_answer == ""


@pytest.mark.usefixtures("tasks_run_in_process")
def test_a_reminder_goes_before_the_link_expires_and_only_once(waiting, django_capture_on_commit_callbacks):
    Application.objects.filter(pk=waiting.pk).update(
        budget_holder_requested_at=timezone.now() - timedelta(days=10, hours=1)
    )

    with django_capture_on_commit_callbacks(execute=True):
        assert budget_holder_reminders_send() == 1
    with django_capture_on_commit_callbacks(execute=True):
        assert budget_holder_reminders_send() == 0

    assert [message.subject[:9] for message in mail.outbox] == ["Reminder:"]
    assert send_budget_holder_email(waiting.pk, True) is False


def test_the_waiting_list_passes_over_a_place_whose_funding_is_not_confirmed(funded):
    unconfirmed = ApplicationFactory(cohort=funded, status=Status.WAITLISTED, waitlisted_at=timezone.now(), **HOLDER)
    confirmed = ApplicationFactory(
        cohort=funded,
        status=Status.WAITLISTED,
        waitlisted_at=timezone.now() + timedelta(minutes=1),
        budget_holder_answer=BudgetHolderAnswer.CONFIRMED,
        **HOLDER,
    )

    assert waiting_list_promote(cohort_id=funded.pk) == [confirmed.pk]
    assert Application.objects.get(pk=unconfirmed.pk).status == Status.WAITLISTED


@pytest.fixture
def national_admin(client):
    user = UserFactory(national_admin=True)
    client.force_login(user)
    return user


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"fee": "-1"}, "The fee must be 0 or more"),
        ({"fee": "50000.01"}, "The fee must be 50000 or less"),
        ({"fee": "100", "funding_kind": FundingKind.FREE}, "A free cohort has no fee"),
    ],
)
def test_a_bad_fee_is_refused_on_its_field_through_the_admin_and_the_workspace(
    client, national_admin, cohort, admin, changes, message
):
    response = client.post(change_url(cohort), form_data(cohort, **changes))
    assert message in " ".join(form_errors(response)["fee"])

    client.force_login(admin)
    response = client.post(
        reverse("enrolment:workspace_cohort_edit", args=[cohort.pk]), workspace_data(cohort, **changes)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Cohort.objects.get(pk=cohort.pk).fee is None


def test_a_fee_is_saved_for_an_employer_funded_cohort_through_the_admin(client, national_admin, cohort):
    response = client.post(change_url(cohort), form_data(cohort, funding_kind=FundingKind.EMPLOYER, fee="950.50"))

    assert response.status_code == 302, form_errors(response)
    saved = Cohort.objects.get(pk=cohort.pk)
    assert (saved.funding_kind, saved.fee) == (FundingKind.EMPLOYER, Decimal("950.50"))


def test_the_programme_page_and_the_cohort_choice_say_who_pays_and_the_fee(client, funded):
    draft = ApplicationFactory(cohort=funded, status=Status.DRAFT)
    client.force_login(draft.applicant)
    summary = f"{FUNDING_KIND_TEXT[FundingKind.EMPLOYER]} The fee is £1,200.00."

    programme_page = client.get(funded.programme.get_absolute_url()).content.decode()
    choice = client.get(reverse("enrolment:application_page", args=[draft.pk, "cohort"])).content.decode()

    assert summary.replace("'", "&#x27;") in programme_page
    assert summary.replace("'", "&#x27;") in choice
