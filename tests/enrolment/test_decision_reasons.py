"""An academy's decisions: only decidable applications are offered for a bulk decision, a refusal names the
applicant once, the academy reads the status in its own words, and an unsuccessful application carries at least
one structured reason, which the applicant is told in plain English."""

import pytest
from django.core import mail
from django.urls import reverse

from enrolment.models import Application, EnrolmentError, Status
from enrolment.services.decisions import Decision, application_reject, applications_decide
from enrolment.statuses import REJECTION_REASON_TEXT, RejectionReason
from enrolment.tasks import send_application_event_email
from tests.academies.factories import AcademyAdminFactory, AcademyFactory
from tests.enrolment.factories import ApplicationFactory, CohortFactory

pytestmark = pytest.mark.django_db
LIST_URL = reverse("enrolment:academy_applications")


@pytest.fixture
def cohort():
    return CohortFactory(capacity=1, academy=AcademyFactory(local_partner=True))


@pytest.fixture
def admin(cohort):
    return AcademyAdminFactory(academy=cohort.academy).user


def detail_url(application) -> str:
    return reverse("enrolment:academy_application", args=[application.pk])


def test_the_bulk_list_offers_only_applications_a_decision_can_move(client, cohort, admin):
    decidable = [
        ApplicationFactory(cohort=cohort, under_review=True),
        ApplicationFactory(cohort=cohort, waitlisted=True),
    ]
    others = [
        ApplicationFactory(cohort=cohort, status=Status.AWAITING_MANAGER),
        ApplicationFactory(cohort=cohort, offered=True),
        ApplicationFactory(cohort=cohort, status=Status.WITHDRAWN),
    ]
    client.force_login(admin)

    response = client.get(LIST_URL)
    choices = [value.value for value, _ in response.context["form"].fields["applications"].widget.choices]

    assert sorted(choices) == sorted(a.pk for a in decidable)
    for application in decidable:
        assert f'name="applications" value="{application.pk}"' in response.content.decode()
    for application in others:
        assert f'name="applications" value="{application.pk}"' not in response.content.decode()
    assert {a.pk for a in decidable} == set(Application.objects.decidable().values_list("pk", flat=True))
    assert not any(application.is_decidable for application in others)


def test_a_bulk_post_of_an_application_that_cannot_be_decided_is_refused_by_name_and_changes_nothing(
    client, cohort, admin
):
    waiting_for_manager = ApplicationFactory(cohort=cohort, status=Status.AWAITING_MANAGER)
    client.force_login(admin)

    response = client.post(LIST_URL, {"applications": [waiting_for_manager.pk], "decision": Decision.OFFER})

    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    assert page.count(f"{waiting_for_manager.applicant.full_name}: ") == 1
    assert Application.objects.get(pk=waiting_for_manager.pk).status == Status.AWAITING_MANAGER


def test_each_refusal_of_a_bulk_decision_names_the_applicant_once(client, cohort, admin):
    first, second, third = ApplicationFactory.create_batch(3, cohort=cohort, under_review=True)
    client.force_login(admin)

    response = client.post(LIST_URL, {"applications": [first.pk, second.pk, third.pk], "decision": Decision.OFFER})
    page = client.get(response.url).content.decode()

    refused = [a for a in (first, second, third) if Application.objects.get(pk=a.pk).status == Status.UNDER_REVIEW]
    assert len(refused) == 2
    for application in refused:
        assert page.count(f"{application.applicant.full_name}: {cohort.name} is full") == 1


def test_the_academy_reads_the_status_in_its_own_words(client, cohort, admin):
    application = ApplicationFactory(cohort=cohort, status=Status.AWAITING_MANAGER)
    application.events.create(from_status=Status.DRAFT, to_status=Status.AWAITING_MANAGER)
    client.force_login(admin)

    page = client.get(detail_url(application)).content.decode()

    assert "Waiting for your line manager" not in page
    assert "Waiting for the line manager&#x27;s support" in page


@pytest.mark.parametrize(
    ("reasons", "reason", "message"),
    [
        ([], "Not this year.", "Choose at least one reason"),
        (["made-up"], "", "Choose at least one reason"),
        ([RejectionReason.OTHER], " ", "Say what the other reason is"),
    ],
)
def test_an_unsuccessful_decision_needs_a_reason_from_the_list(cohort, admin, reasons, reason, message):
    application = ApplicationFactory(cohort=cohort, under_review=True)

    with pytest.raises(EnrolmentError, match=message):
        application_reject(application_id=application.pk, admin=admin, reasons=reasons, reason=reason)

    assert Application.objects.get(pk=application.pk).status == Status.UNDER_REVIEW


def test_the_reasons_are_stored_and_the_applicant_is_told_them_in_plain_english(
    client, cohort, admin, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(cohort=cohort, under_review=True)

    with django_capture_on_commit_callbacks(execute=True):
        application_reject(
            application_id=application.pk,
            admin=admin,
            reasons=[RejectionReason.STATEMENT, RejectionReason.CRITERIA, RejectionReason.STATEMENT],
            reason="Apply again next year.",
        )
    application.refresh_from_db()
    send_application_event_email(application.events.last().pk)

    assert application.rejection_reasons == [RejectionReason.CRITERIA, RejectionReason.STATEMENT]
    body = mail.outbox[-1].body
    for code in application.rejection_reasons:
        assert REJECTION_REASON_TEXT[code] in body
    assert "The academy said: Apply again next year." in body
    client.force_login(application.applicant)
    page = client.get(reverse("enrolment:application_detail", args=[application.pk])).content.decode()
    assert "Why it was unsuccessful" in page
    assert "Your supporting statement does not show why the programme is right for you" in page


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"decision": Decision.UNSUCCESSFUL, "reason": "No."}, "reasons"),
        ({"decision": Decision.UNSUCCESSFUL, "reasons": ["other"]}, "reason"),
    ],
)
def test_a_direct_post_without_reasons_is_refused_on_its_field_and_changes_nothing(client, cohort, admin, data, field):
    application = ApplicationFactory(cohort=cohort, under_review=True)
    client.force_login(admin)

    response = client.post(detail_url(application), data)

    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert Application.objects.get(pk=application.pk).status == Status.UNDER_REVIEW


def test_a_bulk_unsuccessful_decision_takes_the_reasons(client, cohort, admin):
    applications = ApplicationFactory.create_batch(2, cohort=cohort, under_review=True)
    client.force_login(admin)

    client.post(
        LIST_URL,
        {"applications": [a.pk for a in applications], "decision": Decision.UNSUCCESSFUL, "reasons": ["no_place"]},
    )

    for application in applications:
        application.refresh_from_db()
        assert (application.status, application.rejection_reasons) == (Status.UNSUCCESSFUL, ["no_place"])


def test_the_bulk_service_refuses_an_unsuccessful_decision_without_reasons(cohort, admin):
    application = ApplicationFactory(cohort=cohort, under_review=True)

    result = applications_decide(application_ids=[application.pk], admin=admin, decision=Decision.UNSUCCESSFUL)

    assert "Choose at least one reason" in result.refused[application.pk]
    assert Application.objects.get(pk=application.pk).status == Status.UNDER_REVIEW
