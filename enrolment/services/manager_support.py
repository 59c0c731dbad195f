"""A line manager supports or declines an application from a signed link (signed_links), without an account.

The link expires after MANAGER_LINK_DAYS, and works once.
"""

import uuid
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from enrolment import tasks
from enrolment.models import Application, EnrolmentError
from portal.locking import lock_row

from .signed_links import LinkInvalid as ManagerLinkInvalid  # the manager's page's name for it
from .signed_links import signed_link_application, signed_link_token
from .transitions import application_transition

SALT = "enrolment.manager-support"
MANAGER_LABEL = "Line manager"


def manager_link_token(application: Application) -> str:
    return signed_link_token(application, salt=SALT, nonce_field="manager_link_nonce")


def manager_link_application(token: str) -> Application:
    """The application a link is for, if the link is genuine, in date and unused."""
    application = signed_link_application(
        token, salt=SALT, nonce_field="manager_link_nonce", days=settings.MANAGER_LINK_DAYS
    )
    if application is None or application.status != Application.Status.AWAITING_MANAGER:
        raise ManagerLinkInvalid("This link has already been used, or the application no longer needs an answer.")
    return application


class CommentRequired(EnrolmentError):
    """A manager who does not support an application says why: the applicant is told it."""


@transaction.atomic
def manager_respond(*, token: str, supported: bool, comment: str = "") -> Application:
    if not supported and not comment.strip():
        raise CommentRequired("Say why you do not support the application")
    application = manager_link_application(token)
    application = lock_row(Application.objects, pk=application.pk)
    if application.status != Application.Status.AWAITING_MANAGER:
        raise ManagerLinkInvalid("This link has already been used.")
    application.manager_comment = comment.strip()
    application.manager_link_nonce = uuid.uuid4()
    status = Application.Status.UNDER_REVIEW if supported else Application.Status.NOT_SUPPORTED
    application_transition(application, status, actor_label=MANAGER_LABEL, reason=application.manager_comment)
    return application


def manager_reminders_send(*, now=None) -> int:
    """Reminds managers who have not answered after MANAGER_REMINDER_DAYS, once each; safe to run again."""
    now = now or timezone.now()
    due_before = now - timedelta(days=settings.MANAGER_REMINDER_DAYS)
    with transaction.atomic():
        due = list(
            Application.objects.select_for_update(skip_locked=True)
            .filter(
                status=Application.Status.AWAITING_MANAGER,
                manager_requested_at__lte=due_before,
                manager_reminded_at__isnull=True,
            )
            .values_list("pk", flat=True)
        )
        Application.objects.filter(pk__in=due).update(manager_reminded_at=now)
        for application_id in due:
            tasks.send_manager_reminder_email.enqueue_on_commit(application_id)
    return len(due)
