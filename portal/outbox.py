"""A transactional outbox between the database and the Celery broker.

Every task the portal enqueues from a request goes through here: an OutboxMessage row is written inside the
request's transaction and published once it commits. A broker outage therefore never turns a saved application
into an error page, and never loses the e-mail it owes: drain_outbox publishes what waited, when Redis is back,
and publishes again what a broker lost (the row stays until a worker has run the task).
"""

import logging
import uuid
from datetime import timedelta

from celery import current_app, states
from celery.contrib.django.task import DjangoTask
from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from .models import OutboxMessage
from .request_ids import TASK_HEADER, current_request_id

logger = logging.getLogger(__name__)
BROKER_ERRORS = (BrokerError, ConnectionError, OSError)


TASK_ID_PREFIX = "outbox-"


class OutboxTask(DjangoTask):
    """The class of every portal task (config/celery.py: task_cls). Services enqueue with `enqueue_on_commit(ids)`,
    which writes an outbox row in the caller's transaction (outbox_enqueue) and publishes it once that commits: it
    survives a broker outage and a broker that loses its data. The row goes once a worker has run the task
    (after_return); a task that failed for good is marked, not published again.

    Celery's own `delay`, `apply_async` and `delay_on_commit` are left as Celery has them: they publish straight to
    the broker, with no outbox row, so a service never calls them."""

    def enqueue_on_commit(self, *args, **kwargs) -> None:
        if kwargs:
            raise TypeError("Outbox tasks take positional ids only.")
        outbox_enqueue(self.name, *args)

    def after_return(self, status, retval, task_id, args, kwargs, einfo):
        message_id = outbox_message_id(task_id)
        if message_id is None:
            return
        if status == states.SUCCESS:
            OutboxMessage.objects.filter(pk=message_id).delete()
        elif status == states.FAILURE:
            OutboxMessage.objects.filter(pk=message_id).update(failed_at=timezone.now(), last_error=str(retval)[:1000])


def outbox_message_id(task_id: str | None) -> int | None:
    """The outbox row a task came from, read from the task id outbox_publish gave it."""
    if not task_id or not task_id.startswith(TASK_ID_PREFIX):
        return None
    return int(task_id.removeprefix(TASK_ID_PREFIX).split("-", 1)[0])


def outbox_enqueue(task_name: str, *args) -> OutboxMessage:
    message = OutboxMessage.objects.create(task=task_name, args=list(args), request_id=current_request_id.get())
    transaction.on_commit(lambda: outbox_publish(message.pk))
    return message


def outbox_publish(message_id: int) -> bool:
    """Publishes one message and marks when; leaves it for the next drain if the broker is down. The row itself
    stays until the task has run."""
    with transaction.atomic():
        message = OutboxMessage.objects.select_for_update(skip_locked=True).filter(pk=message_id).first()
        if message is None:
            return False
        message.attempts += 1
        try:
            current_app.tasks[message.task].apply_async(
                args=message.args,
                retry=False,
                task_id=f"{TASK_ID_PREFIX}{message.pk}-{uuid.uuid4().hex}",
                headers={TASK_HEADER: message.request_id},
            )
        except BROKER_ERRORS as error:
            message.last_error = str(error)[:1000]
            message.save(update_fields=["attempts", "last_error"])
            logger.warning("Broker unavailable; %s stays in the outbox: %s", message, error)
            return False
        # A task run at once (eagerly) has already removed its row: this then updates nothing.
        OutboxMessage.objects.filter(pk=message.pk).update(attempts=message.attempts, published_at=timezone.now())
    return True


def outbox_due(*, now=None):
    """Messages to publish: never published, or published so long ago that the broker must have lost them."""
    now = now or timezone.now()
    lost_before = now - timedelta(seconds=settings.OUTBOX_REDELIVER_SECONDS)
    return OutboxMessage.objects.filter(failed_at__isnull=True).filter(
        Q(published_at__isnull=True) | Q(published_at__lte=lost_before)
    )


def outbox_drain(*, limit: int = 1000) -> int:
    """Publishes due messages, oldest first; returns how many went out."""
    waiting = list(outbox_due().values_list("pk", flat=True)[:limit])
    return sum(outbox_publish(pk) for pk in waiting)
