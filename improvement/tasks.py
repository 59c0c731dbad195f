"""E-mails about improvement projects, sent by Celery once the academy's review commits.

Each review's e-mail is sent once, keyed by the review's audit entry, however often Celery runs the task.
"""

from celery import shared_task
from django.urls import reverse

from portal.notifications import TRANSIENT_EMAIL_ERRORS, email_send_once

from .models import ImprovementProject


@shared_task(autoretry_for=TRANSIENT_EMAIL_ERRORS, retry_backoff=True, max_retries=8, acks_late=True)
def send_improvement_project_email(project_id: int, status: str, review_id: int) -> bool:
    """Tells the participant how the academy reviewed their project; returns whether this run sent it."""
    project = ImprovementProject.objects.select_related("application__applicant").filter(pk=project_id).first()
    row = ImprovementProject.PRESENTATION.get(status)
    if project is None or row is None or not row.email_subject:
        return False
    participant = project.application.applicant
    paragraphs = [row.email_message]
    if status == ImprovementProject.Status.RETURNED and project.review_note:
        paragraphs.append(f"What to change: {project.review_note}")
    return email_send_once(
        key=f"improvement-project:{project.pk}:review:{review_id}",
        to=participant.email,
        subject=row.email_subject,
        template="improvement_project",
        context={
            "recipient": participant,
            "paragraphs": paragraphs,
            "path": reverse("improvement:project_detail", args=[project.pk]),
        },
    )
