"""The e-mail inviting a nominated person to complete their application, sent once per nomination."""

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone

from portal.notifications import email_send_once

from .models import Nomination


def nomination_email_send(*, nomination_id: int) -> bool:
    nomination = (
        Nomination.objects.select_related("cohort__programme", "cohort__academy", "allocation__ics")
        .select_related("allocation__organisation", "nominated_by")
        .filter(pk=nomination_id)
        .first()
    )
    if nomination is None:
        return False
    cohort = nomination.cohort
    demo = " (Demo)" if cohort.is_demo else ""
    return email_send_once(
        key=f"nomination:{nomination.pk}:invite",
        to=nomination.email,
        subject=f"You have been nominated{demo}: {cohort.programme.title}",
        template="nomination",
        context={
            "programme": cohort.programme.title,
            "cohort": f"{cohort.name}{demo}",
            "academy": cohort.academy.name,
            "area": str(nomination.allocation.area),
            "nominator": nomination.nominated_by.get_full_name() or nomination.nominated_by.email,
            "closes": formats.date_format(timezone.localtime(cohort.applications_close_at), "j F Y, H:i"),
            "url": settings.SITE_URL.rstrip("/") + reverse("enrolment:nomination", args=[nomination.pk]),
        },
    )
