import os

from celery import Celery, signals
from django.db import close_old_connections

from portal import request_ids

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

app = Celery("portal", task_cls="portal.outbox:OutboxTask")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@signals.task_prerun.connect
@signals.task_postrun.connect
def _close_old_connections(task, **kwargs) -> None:
    """What Django does around each request, around each task in a worker: drop a database connection that is
    broken or older than CONN_MAX_AGE, keep the rest. Celery would otherwise close it after every task
    (CELERY_DB_REUSE_MAX). A task run eagerly, inside a caller's transaction, leaves the connection alone."""
    if not task.request.is_eager:
        close_old_connections()


@signals.task_prerun.connect
def _request_id_set(task, task_id, **kwargs) -> None:
    request_ids.task_started(task, task_id)


@signals.task_postrun.connect
def _request_id_reset(task, task_id, state=None, **kwargs) -> None:
    request_ids.task_ended(task, task_id, state)
