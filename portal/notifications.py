"""Sending an e-mail exactly once, however often the task that sends it runs."""

from smtplib import SMTPException

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from .models import EmailDelivery

# What a mail server does when it is down or slow: worth retrying, unlike a bug in a template.
TRANSIENT_EMAIL_ERRORS = (SMTPException, ConnectionError, TimeoutError)


def email_send_once(*, key: str, to: str, subject: str, template: str, context: dict) -> bool:
    """Sends the e-mail unless the delivery keyed `key` was already sent; returns whether it sent.

    The delivery row is locked while sending, so two runs of the same task cannot both send. If the
    mail server fails, the transaction rolls back and the task's retry sends it later.
    """
    with transaction.atomic():
        delivery, _ = EmailDelivery.objects.select_for_update().get_or_create(
            key=key, defaults={"to": to, "subject": subject}
        )
        if delivery.sent_at is not None:
            return False
        context = {**context, "site_url": settings.SITE_URL, "subject": subject}
        message = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string(f"emails/{template}.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[to],
        )
        message.attach_alternative(render_to_string(f"emails/{template}.html", context), "text/html")
        message.send()
        delivery.sent_at = timezone.now()
        delivery.save(update_fields=["sent_at"])
    return True
