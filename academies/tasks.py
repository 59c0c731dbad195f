from celery import shared_task
from django.conf import settings
from django.urls import reverse

from portal.notifications import TRANSIENT_EMAIL_ERRORS, email_send_once

from .models import AcademyInvitation


@shared_task(autoretry_for=TRANSIENT_EMAIL_ERRORS, retry_backoff=True, max_retries=8, acks_late=True)
def send_academy_invitation(invitation_id: int) -> bool:
    """E-mails the invitation's link, once however often the task runs."""
    from .services import INVITATION_DAYS, academy_invitation_token

    invitation = AcademyInvitation.objects.select_related("academy", "invited_by").filter(pk=invitation_id).first()
    if invitation is None or invitation.accepted_at is not None:
        return False
    return email_send_once(
        key=f"academy-invitation:{invitation.pk}",
        to=invitation.email,
        subject=f"You are invited to run {invitation.academy.name} on NHS leadership programmes",
        template="academy_invitation",
        context={
            "invitation": invitation,
            "days": INVITATION_DAYS,
            "url": settings.SITE_URL + reverse("roles:invitation", args=[academy_invitation_token(invitation)]),
        },
    )
