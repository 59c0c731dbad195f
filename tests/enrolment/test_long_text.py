"""Text longer than its box allows is refused with a message that names the box and its limit, and kept in the box
so the person can shorten it: the page counts characters (NHS.UK character count) and never cuts text short with a
maxlength attribute. Posted straight to each page, as a script or an old browser would."""

import pytest
from django.urls import reverse
from django.utils import timezone

from enrolment.models import Application, Status
from enrolment.services.manager_support import manager_link_token
from tests.enrolment.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def refused_and_kept(response, message: str, text: str) -> str:
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert '<a href="#id_' in page, "the error summary links to the box"
    assert f"{text}</textarea>" in page, "the text is kept in the box, whole"
    return page


def test_the_application_form_counts_characters_without_cutting_them(client, cohort):
    application = ApplicationFactory(cohort=cohort)
    client.force_login(application.applicant)

    page = client.get(reverse("enrolment:application_page", args=[application.pk, "statement"])).content.decode()

    assert 'data-module="nhsuk-character-count" data-maxlength="3000"' in page
    assert "maxlength=" not in page.split('name="supporting_statement"')[1].split(">")[0]


def test_a_manager_comment_too_long_is_refused_and_the_application_waits(client):
    waiting = ApplicationFactory(
        status=Status.AWAITING_MANAGER,
        line_manager_email="manager@example.nhs.test",
        manager_requested_at=timezone.now(),
    )
    comment = "Ready. " * 300

    response = client.post(
        reverse("enrolment:manager_support", args=[manager_link_token(waiting)]),
        {"supported": "yes", "comment": comment},
    )

    refused_and_kept(response, "Comment must be 2,000 characters or fewer", comment)
    assert Application.objects.get().status == Status.AWAITING_MANAGER


def test_a_decision_reason_too_long_is_refused_and_nothing_is_decided(client, cohort, admin):
    application = ApplicationFactory(cohort=cohort, status=Status.UNDER_REVIEW)
    client.force_login(admin)
    reason = "Not this time. " * 150

    response = client.post(
        reverse("enrolment:academy_application", args=[application.pk]),
        {"decision": "unsuccessful", "reason": reason},
    )

    refused_and_kept(response, "The reason must be 2,000 characters or fewer", reason)
    assert Application.objects.get().status == Status.UNDER_REVIEW
