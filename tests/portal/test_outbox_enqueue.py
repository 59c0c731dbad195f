"""The outbox's enqueue has its own name: services call `enqueue_on_commit`, which writes an outbox row in their
transaction; Celery's own `delay_on_commit` keeps Celery's meaning, and no app calls a publishing method itself."""

import ast
from pathlib import Path

import pytest
from celery.contrib.django.task import DjangoTask
from django.conf import settings
from django.db import transaction

from portal.models import OutboxMessage
from portal.outbox import OutboxTask
from portal.tasks import send_welcome_email
from tests.portal.factories import UserFactory

APPS = ("portal", "academies", "programmes", "enrolment", "coaching", "reporting")
# Celery's ways of publishing at once, past the outbox. Only the outbox itself publishes (outbox_publish).
PUBLISHING = {"delay", "delay_on_commit", "apply_async"}


@pytest.mark.django_db
def test_enqueue_on_commit_writes_a_row_in_the_callers_transaction_and_publishes_once_it_commits(
    django_capture_on_commit_callbacks,
):
    user = UserFactory()
    with django_capture_on_commit_callbacks() as publishes:
        send_welcome_email.enqueue_on_commit(user.pk)
    message = OutboxMessage.objects.get()
    assert (message.task, message.args) == (send_welcome_email.name, [user.pk])
    assert len(publishes) == 1


@pytest.mark.django_db
def test_a_rolled_back_transaction_leaves_no_outbox_row():
    user = UserFactory()
    with pytest.raises(RuntimeError), transaction.atomic():
        send_welcome_email.enqueue_on_commit(user.pk)
        raise RuntimeError
    assert not OutboxMessage.objects.exists()


def test_celerys_delay_on_commit_is_celerys_own():
    assert isinstance(send_welcome_email, OutboxTask)
    assert OutboxTask.delay_on_commit is DjangoTask.delay_on_commit


def publishing_calls(path: Path) -> list[str]:
    tree = ast.parse(path.read_text())
    return [
        f"{path}:{node.lineno} {node.func.attr}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in PUBLISHING
    ]


def test_no_app_publishes_a_task_past_the_outbox():
    base = Path(settings.BASE_DIR)
    outbox = base / "portal" / "outbox.py"
    found = [
        call
        for app in APPS
        for path in sorted((base / app).rglob("*.py"))
        if path != outbox and "migrations" not in path.parts
        for call in publishing_calls(path)
    ]
    assert found == []
