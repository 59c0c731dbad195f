"""Sending an e-mail exactly once, however often the task that sends it runs."""

import logging
from smtplib import SMTPException

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from portal.metrics import metrics_count
from portal.models import EmailDelivery

logger = logging.getLogger(__name__)

# What a mail server does when it is down or slow: worth retrying, unlike a bug in a template.
TRANSIENT_EMAIL_ERRORS = (SMTPException, ConnectionError, TimeoutError)

# Claims an EmailDelivery key in one statement, which also locks its row until the transaction ends: a new key is
# inserted, a key recorded but never sent is taken over, a sent key changes no row. A second run of the same task
# waits on the lock, then finds the key sent, or claims it itself if the first run rolled back. (The ORM's
# get_or_create under select_for_update does the same in six statements, which was most of an e-mail's cost.)
CLAIM_DELIVERY = """
    INSERT INTO portal_emaildelivery (key, "to", subject, created_at, sent_at) VALUES (%s, %s, %s, %s, %s)
    ON CONFLICT (key) DO UPDATE SET sent_at = excluded.sent_at WHERE portal_emaildelivery.sent_at IS NULL
"""


SUBJECT_MAX_LENGTH = EmailDelivery._meta.get_field("subject").max_length


def email_send_once(*, key: str, to: str, subject: str, template: str, context: dict) -> bool:
    """Sends the e-mail unless the delivery keyed `key` was already sent; returns whether it sent.

    The claim and the send share a transaction: if the mail server fails, the claim rolls back and the task's
    retry sends the e-mail later. The subject is made one line here, where it is written: it carries names people
    typed, and a line break in a header would make Django refuse the e-mail on every retry.
    """
    subject = " ".join(subject.split())[:SUBJECT_MAX_LENGTH]
    with transaction.atomic():
        now = timezone.now()
        with connection.cursor() as cursor:
            cursor.execute(CLAIM_DELIVERY, [key, to, subject, now, now])
            if cursor.rowcount == 0:
                return False
        context = {**context, "site_url": settings.SITE_URL, "subject": subject}
        message = EmailMultiAlternatives(
            subject=subject,
            body=render_to_string(f"emails/{template}.txt", context),
            from_email=settings.DEFAULT_FROM_EMAIL,
            to=[to],
        )
        message.attach_alternative(render_to_string(f"emails/{template}.html", context), "text/html")
        try:
            message.send()
        except Exception:
            metrics_count("emails_failed")
            raise
    metrics_count("emails_sent")
    logger.info("E-mail %s sent", key)
    return True
