"""The e-mails of interest in a programme: the link that confirms an address, and "applications are open", one
per interest and cohort. Each carries its signed unsubscribe link."""

from django.conf import settings
from django.urls import reverse
from django.utils import formats, timezone

from portal.notifications import email_send_once

from .interest_selectors import cohort_area, cohort_for_interest
from .models import Cohort, ProgrammeInterest
from .services.interest import CONFIRM_LINK_DAYS, interest_confirm_token, interest_unsubscribe_token


def _site(name: str, *args) -> str:
    return settings.SITE_URL.rstrip("/") + reverse(name, args=args)


def _recipient(interest: ProgrammeInterest) -> str:
    return interest.user.email if interest.user_id else interest.email


def _unsubscribe_url(interest: ProgrammeInterest) -> str:
    return _site("enrolment:interest_unsubscribe", interest_unsubscribe_token(interest))


def interest_confirmation_send(*, interest_id: int, region_id: int | None, stamp: int) -> bool:
    """The link that confirms an address's interest, once per request (`stamp`, when it was asked for)."""
    interest = (
        ProgrammeInterest.objects.select_related("programme").filter(pk=interest_id, user__isnull=True).first()
    )
    if interest is None:
        return False
    return email_send_once(
        key=f"interest:{interest.pk}:confirm:{stamp}",
        to=interest.email,
        subject=f"Confirm you want to hear when applications open: {interest.programme.title}",
        template="interest_confirm",
        context={
            "programme": interest.programme.title,
            "url": _site("enrolment:interest_confirm", interest_confirm_token(interest, region_id)),
            "days": CONFIRM_LINK_DAYS,
            "unsubscribe_url": _unsubscribe_url(interest),
        },
    )


def interest_email_send(*, interest_id: int, cohort_id: int) -> bool:
    """Tells one interested person that the cohort is open, once, while it still is and their interest stands."""
    interest = ProgrammeInterest.objects.confirmed().select_related("programme", "user").filter(pk=interest_id).first()
    cohort = cohort_for_interest(cohort_id)
    if interest is None or cohort is None or cohort.programme_id != interest.programme_id:
        return False
    if not cohort.is_open_for_applications():
        return False
    demo = " (Demo)" if cohort.is_demo else ""
    return email_send_once(
        key=f"interest:{interest.pk}:cohort:{cohort.pk}",
        to=_recipient(interest),
        subject=f"Applications are open{demo}: {cohort.programme.title}",
        template="interest_cohort_open",
        context={
            "programme": cohort.programme.title,
            "cohort": f"{cohort.name}{demo}",
            "academy": cohort.academy.name,
            "place": _place(cohort),
            "starts": formats.date_format(cohort.starts_on, "j F Y"),
            "closes": formats.date_format(timezone.localtime(cohort.applications_close_at), "j F Y, H:i"),
            "url": _site("programmes:detail", cohort.programme.slug),
            "unsubscribe_url": _unsubscribe_url(interest),
        },
    )


def _place(cohort: Cohort) -> str:
    if cohort.is_online:
        return "online"
    area = cohort_area(cohort)
    venue = cohort.venue or "venue to be confirmed"
    return f"{venue}, {area.name}" if area else venue
