"""The academy's review is e-mailed to the participant once, however often the task runs."""

import pytest
from django.core import mail

from improvement.tasks import send_improvement_project_email
from tests.improvement.factories import ImprovementProjectFactory

pytestmark = pytest.mark.django_db


def test_a_review_is_emailed_once():
    project = ImprovementProjectFactory(status="returned", review_note="Add the result.")

    assert send_improvement_project_email(project.pk, "returned", 41) is True
    assert send_improvement_project_email(project.pk, "returned", 41) is False

    (message,) = mail.outbox
    assert message.to == [project.application.applicant.email]
    assert "Add the result." in message.body
    assert project.get_absolute_url() in message.body


def test_a_status_without_an_email_or_an_unknown_project_sends_nothing():
    project = ImprovementProjectFactory(submitted=True)

    assert send_improvement_project_email(project.pk, "submitted", 1) is False
    assert send_improvement_project_email(987654, "approved", 2) is False
    assert mail.outbox == []
