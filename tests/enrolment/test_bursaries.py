"""Bursaries: an applicant asks with a statement; the academy awards within the number offered and the budget, under
the cohort's lock; the applicant and the finance team are told once."""

from decimal import Decimal

import pytest
from django.core import mail

from enrolment.bursaries import BURSARY_STATEMENT_LIMIT, BursaryKind, BursaryState
from enrolment.models import Application, Cohort, EnrolmentError
from enrolment.notifications_bursaries import bursary_decision_emails_send
from enrolment.services.bursaries import BursaryRefused, bursary_decide, bursary_request
from tests.conftest import run_at_once
from tests.enrolment.factories import ApplicationFactory
from tests.enrolment.test_admin import change_url, form_data, form_errors
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db
STATEMENT = "I care for my mother and cannot pay the fee myself."


def asked(cohort) -> Application:
    application = ApplicationFactory(cohort=cohort, under_review=True)
    return bursary_request(application_id=application.pk, applicant=application.applicant, statement=STATEMENT)


@pytest.mark.parametrize(
    ("statement", "message"),
    [("  ", "Write why you are asking for a bursary"), ("x" * (BURSARY_STATEMENT_LIMIT + 1), "characters or fewer")],
)
def test_a_bad_statement_is_refused_on_its_field_and_saves_nothing(offering, statement, message):
    application = ApplicationFactory(cohort=offering, under_review=True)

    with pytest.raises(BursaryRefused, match=message) as refused:
        bursary_request(application_id=application.pk, applicant=application.applicant, statement=statement)

    assert list(refused.value.problems) == ["bursary_statement"]
    saved = Application.objects.get(pk=application.pk)
    assert (saved.bursary_state, saved.bursary_statement) == ("", "")


def test_no_bursary_is_asked_of_a_cohort_that_offers_none(cohort):
    application = ApplicationFactory(cohort=cohort, under_review=True)

    with pytest.raises(BursaryRefused):
        bursary_request(application_id=application.pk, applicant=application.applicant, statement=STATEMENT)


def test_an_award_beyond_the_budget_is_refused_and_a_refusal_still_recorded(offering, admin):
    first, second, third = asked(offering), asked(offering), asked(offering)

    bursary_decide(application_id=first.pk, admin=admin, award=True)
    with pytest.raises(BursaryRefused, match="£400.00 left"):
        bursary_decide(application_id=second.pk, admin=admin, award=True)
    bursary_decide(application_id=third.pk, admin=admin, award=False)

    states = dict(Application.objects.filter(cohort=offering).values_list("pk", "bursary_state"))
    assert states == {first.pk: BursaryState.AWARDED, second.pk: BursaryState.REQUESTED, third.pk: BursaryState.REFUSED}
    assert Application.objects.get(pk=first.pk).bursary_awarded == Decimal("500")


def test_an_award_beyond_the_number_offered_is_refused(offering, admin):
    Cohort.objects.filter(pk=offering.pk).update(bursaries_available=1, bursary_budget=None)
    first, second = asked(offering), asked(offering)

    bursary_decide(application_id=first.pk, admin=admin, award=True)
    with pytest.raises(BursaryRefused, match="All 1 bursaries"):
        bursary_decide(application_id=second.pk, admin=admin, award=True)


def test_another_academys_admin_cannot_decide(offering):
    application = asked(offering)

    with pytest.raises(EnrolmentError):
        bursary_decide(application_id=application.pk, admin=UserFactory(), award=True)
    assert Application.objects.get(pk=application.pk).bursary_state == BursaryState.REQUESTED


@pytest.mark.django_db(transaction=True)
def test_awards_at_once_never_go_over_the_budget(offering, admin):
    Cohort.objects.filter(pk=offering.pk).update(bursaries_available=20, bursary_budget=Decimal("2600"))
    applications = [asked(offering) for _ in range(12)]

    escaped = run_at_once(lambda a: bursary_decide(application_id=a.pk, admin=admin, award=True), applications)

    assert all(isinstance(error, BursaryRefused) for error in escaped)
    awarded = Application.objects.filter(cohort=offering, bursary_state=BursaryState.AWARDED)
    assert awarded.count() == 5, "£2,600 covers five bursaries of £500"
    assert len(escaped) == 7


@pytest.mark.usefixtures("tasks_run_in_process")
def test_the_applicant_and_finance_are_told_once(offering, admin, django_capture_on_commit_callbacks):
    application = asked(offering)

    with django_capture_on_commit_callbacks(execute=True):
        bursary_decide(application_id=application.pk, admin=admin, award=True)

    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [application.applicant.email, "finance@example.nhs.test"]
    )
    assert all("£500.00" in message.body for message in mail.outbox)
    assert STATEMENT not in "".join(message.body for message in mail.outbox)
    assert bursary_decision_emails_send(application_id=application.pk) == 0, "a re-run sends nothing again"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"bursaries_available": 2, "bursary_kind": BursaryKind.FEE_WAIVER}, "bursary_kind", "A fee waiver needs"),
        ({"bursaries_available": 2, "bursary_kind": BursaryKind.AMOUNT}, "bursary_amount", "Enter the amount"),
        (
            {"bursaries_available": 2, "bursary_kind": BursaryKind.AMOUNT, "bursary_amount": "500",
             "bursary_budget": "100"},
            "bursary_budget",
            "at least one bursary",
        ),
    ],
)
def test_bad_bursary_settings_are_refused_through_the_django_admin(client, cohort, changes, field, message):
    client.force_login(UserFactory(national_admin=True))

    response = client.post(change_url(cohort), form_data(cohort, **changes))

    assert message in " ".join(form_errors(response)[field])
    assert Cohort.objects.get(pk=cohort.pk).bursaries_available == 0


def test_the_budget_cannot_go_below_what_is_awarded_through_the_django_admin(client, offering, admin):
    bursary_decide(application_id=asked(offering).pk, admin=admin, award=True)
    client.force_login(UserFactory(national_admin=True))

    response = client.post(change_url(offering), form_data(offering, bursary_budget="0"))

    assert "already awarded" in " ".join(form_errors(response)["bursary_budget"])
    assert Cohort.objects.get(pk=offering.pk).bursary_budget == Decimal("900")
