"""A request id on every log line of a request, and of the Celery tasks that request enqueued.

The id is the caller's X-Request-ID (the load balancer's, so its log and the portal's meet) when it is a short
token, else a new one; it goes back in the response's X-Request-ID. The outbox keeps it on each message it writes
(portal.outbox), publishes it as a header of the task, and the worker sets it again while the task runs, so an
e-mail sent by a worker on another host is found by the id of the request that asked for it.
"""

import logging
import re
import uuid
from contextvars import ContextVar, Token

HEADER = "X-Request-ID"
TASK_HEADER = "request_id"
# What a caller's id may be: a UUID, or the like of HAProxy's unique-id; anything else is replaced, not logged.
ACCEPTED = re.compile(r"[A-Za-z0-9._:-]{8,64}")

current_request_id: ContextVar[str] = ContextVar("current_request_id", default="")
_task_tokens: dict[str, Token] = {}  # by task id: what task_ended resets
logger = logging.getLogger(__name__)


def request_id_new() -> str:
    return uuid.uuid4().hex


def request_id_from(value: str | None) -> str:
    """The caller's id if it is an acceptable token, else a new one."""
    return value if value and ACCEPTED.fullmatch(value) else request_id_new()


class RequestIdMiddleware:
    """First of the middleware: every line logged while the request is served carries its id."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Left set when the response leaves the middleware: Django logs an error response after the middleware
        # (django.request), and that line is the request's too. request_finished clears it (request_id_clear).
        request.request_id = request_id_from(request.headers.get(HEADER))
        current_request_id.set(request.request_id)
        response = self.get_response(request)
        response[HEADER] = request.request_id
        return response


def request_id_clear(**kwargs) -> None:
    """Django's request_finished: lines logged between requests carry no request's id."""
    current_request_id.set("")


class RequestIdFilter(logging.Filter):
    """Adds request_id to each record (empty outside a request or task); the JSON formatter writes it."""

    def filter(self, record):
        record.request_id = current_request_id.get()
        return True


def task_request_id(task) -> str:
    """The id a task was published with: Celery merges a message's custom headers into task.request."""
    request = task.request
    value = getattr(request, TASK_HEADER, None) or (getattr(request, "headers", None) or {}).get(TASK_HEADER)
    return value if value and ACCEPTED.fullmatch(value) else ""


def task_started(task, task_id) -> None:
    """Celery's task_prerun: the task's lines carry the id of the request that enqueued it."""
    _task_tokens[task_id] = current_request_id.set(task_request_id(task) or current_request_id.get())
    # The id, not the name: tests and people count a task's runs by its name in Celery's own lines.
    logger.info("Task %s started", task_id)


def task_ended(task, task_id, state) -> None:
    """Celery's task_postrun."""
    logger.info("Task %s ended: %s", task_id, state)
    token = _task_tokens.pop(task_id, None)
    if token is not None:
        current_request_id.reset(token)
