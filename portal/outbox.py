"""A transactional outbox between the database and the Celery broker.

Every task the portal enqueues from a request goes through here: an OutboxMessage row is written inside the
request's transaction and published once it commits. A broker outage therefore never turns a saved application
into an error page, and never loses the e-mail it owes: drain_outbox publishes what waited, when Redis is back.
"""

import logging

from celery import current_app
from celery.contrib.django.task import DjangoTask
from django.db import transaction
from kombu.exceptions import OperationalError as BrokerError

from .models import OutboxMessage

logger = logging.getLogger(__name__)
BROKER_ERRORS = (BrokerError, ConnectionError, OSError)


class OutboxTask(DjangoTask):
    """The portal's task class: delay_on_commit goes through the outbox, so it survives a broker outage."""

    def delay_on_commit(self, *args, **kwargs):
        if kwargs:
            raise TypeError("Outbox tasks take positional ids only.")
        outbox_enqueue(self.name, *args)


def outbox_enqueue(task_name: str, *args) -> OutboxMessage:
    message = OutboxMessage.objects.create(task=task_name, args=list(args))
    transaction.on_commit(lambda: outbox_publish(message.pk))
    return message


def outbox_publish(message_id: int) -> bool:
    """Publishes one waiting message and removes it; leaves it for the next drain if the broker is down."""
    with transaction.atomic():
        message = OutboxMessage.objects.select_for_update(skip_locked=True).filter(pk=message_id).first()
        if message is None:
            return False
        try:
            current_app.tasks[message.task].apply_async(args=message.args, retry=False)
        except BROKER_ERRORS as error:
            message.attempts += 1
            message.last_error = str(error)[:1000]
            message.save(update_fields=["attempts", "last_error"])
            logger.warning("Broker unavailable; %s stays in the outbox: %s", message, error)
            return False
        message.delete()
    return True


def outbox_drain(*, limit: int = 1000) -> int:
    """Publishes waiting messages, oldest first; returns how many went out."""
    waiting = list(OutboxMessage.objects.values_list("pk", flat=True)[:limit])
    return sum(outbox_publish(pk) for pk in waiting)
