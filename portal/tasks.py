from celery import shared_task

from .models import User
from .notifications import TRANSIENT_EMAIL_ERRORS, email_send_once


@shared_task(autoretry_for=TRANSIENT_EMAIL_ERRORS, retry_backoff=True, max_retries=8, acks_late=True)
def send_welcome_email(user_id: int) -> bool:
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        return False
    return email_send_once(
        key=f"welcome:{user.pk}",
        to=user.email,
        subject="Welcome to NHS leadership programmes",
        template="welcome",
        context={"user": user},
    )


@shared_task(acks_late=True)
def drain_outbox() -> int:
    """Publishes tasks that waited in the outbox while the broker was down."""
    from .outbox import outbox_drain

    return outbox_drain()


@shared_task(acks_late=True)
def heartbeat() -> None:
    """Beat schedules it every minute; /healthz reads when it last ran."""
    from .health import heartbeat_record

    heartbeat_record()


@shared_task(acks_late=True)
def apply_retention() -> int:
    """Applies every app's retention limit (for one, the free text of applications closed longer than
    APPLICATION_RETENTION_DAYS is emptied); safe to run again."""
    from .privacy import personal_data_retention_apply

    return personal_data_retention_apply()
