"""portal.notifications.email_send_once: one e-mail per key, whatever runs it and however often."""

import time
from smtplib import SMTPServerDisconnected

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend

from portal.models import EmailDelivery
from portal.notifications import email_send_once
from tests.conftest import run_at_once


def send(key="welcome:1", to="ada@example.nhs.test"):
    return email_send_once(
        key=key, to=to, subject="Welcome", template="welcome", context={"user": {"full_name": "Ada"}}
    )


class SlowBackend(EmailBackend):
    """A mail server that takes its time, so a second run of the task arrives while the first is sending."""

    def send_messages(self, messages):
        time.sleep(0.5)
        return super().send_messages(messages)


class DownOnceBackend(EmailBackend):
    attempts = 0

    def send_messages(self, messages):
        DownOnceBackend.attempts += 1
        if DownOnceBackend.attempts == 1:
            raise SMTPServerDisconnected("the mail server went away")
        return super().send_messages(messages)


@pytest.mark.django_db
def test_a_key_already_sent_sends_nothing_more():
    assert send() is True
    assert send() is False

    assert len(mail.outbox) == 1
    delivery = EmailDelivery.objects.get(key="welcome:1")
    assert (delivery.to, delivery.subject) == ("ada@example.nhs.test", "Welcome")
    assert delivery.sent_at is not None


@pytest.mark.django_db
def test_each_key_is_its_own_email():
    assert send(key="welcome:1") is True
    assert send(key="welcome:2") is True

    assert len(mail.outbox) == 2


@pytest.mark.django_db
def test_a_delivery_recorded_but_never_sent_is_sent():
    EmailDelivery.objects.create(key="welcome:1", to="ada@example.nhs.test", subject="Welcome")

    assert send() is True

    assert len(mail.outbox) == 1
    assert EmailDelivery.objects.get(key="welcome:1").sent_at is not None


@pytest.mark.django_db
def test_a_send_that_fails_leaves_the_key_to_the_retry(settings):
    settings.EMAIL_BACKEND = f"{__name__}.DownOnceBackend"
    DownOnceBackend.attempts = 0

    with pytest.raises(SMTPServerDisconnected):
        send()
    assert not EmailDelivery.objects.exists(), "the failed attempt's claim was rolled back"

    assert send() is True
    assert len(mail.outbox) == 1


@pytest.mark.django_db(transaction=True)
def test_runs_of_the_same_email_at_the_same_moment_send_it_once(settings):
    settings.EMAIL_BACKEND = f"{__name__}.SlowBackend"
    results = []

    escaped = run_at_once(lambda _: results.append(send()), range(4))

    assert escaped == []
    assert sorted(results) == [False, False, False, True]
    assert len(mail.outbox) == 1
    assert EmailDelivery.objects.filter(sent_at__isnull=False).count() == 1


@pytest.mark.django_db
def test_a_subject_with_line_breaks_goes_out_on_one_line():
    """A name with a line break must not stop the e-mail (Django refuses headers with newlines) or split a header."""
    sent = email_send_once(
        key="k:1", to="ada@example.nhs.test", subject="Please support Ada\r\nBcc: x@example.test  now",
        template="welcome", context={"user": {"full_name": "Ada"}},
    )

    assert sent
    assert mail.outbox[0].subject == "Please support Ada Bcc: x@example.test now"
    assert EmailDelivery.objects.get().subject == "Please support Ada Bcc: x@example.test now"


@pytest.mark.django_db
def test_a_subject_longer_than_its_column_is_shortened_not_refused():
    assert email_send_once(
        key="k:2", to="ada@example.nhs.test", subject="x" * 400, template="welcome",
        context={"user": {"full_name": "Ada"}},
    )

    assert len(mail.outbox[0].subject) == EmailDelivery._meta.get_field("subject").max_length
