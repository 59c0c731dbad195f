"""Interest in a programme: "tell me when applications open".

A signed-in person registers at once. Anyone else gives an e-mail address, which counts only once its owner
follows the signed, expiring link e-mailed to it (the link carries the region they chose, so it is the owner who
sets it). When a cohort of the programme opens for applications, each interest it concerns (in its area, or in
any region) gets one e-mail for that cohort, keyed by interest and cohort, so a re-run or a retry sends nothing
twice. Every e-mail carries a signed unsubscribe link; a signed-in person can also withdraw from their account.
"""

from datetime import timedelta

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone

from enrolment import tasks
from enrolment.models import EnrolmentError, ProgrammeInterest
from portal.locking import lock_row
from portal.models import Region, User
from programmes.models import Programme

from ..interest_selectors import cohort_for_interest, interests_to_tell
from .cohorts import InvalidInput

CONFIRM_SALT = "enrolment.interest-confirm"
UNSUBSCRIBE_SALT = "enrolment.interest-unsubscribe"
CONFIRM_LINK_DAYS = 7
# A second request for the same address within this time sends no second e-mail: the form cannot flood a mailbox.
CONFIRMATION_RESEND_AFTER = timedelta(minutes=10)
EMAIL_FORMAT = "Enter an e-mail address in the correct format, like name@example.nhs.uk"
EMAIL_MAX_LENGTH = ProgrammeInterest._meta.get_field("email").max_length


class InterestLinkInvalid(EnrolmentError):
    """A confirmation or unsubscribe link that was tampered with, has expired or no longer has its interest."""


def interest_register(
    *, programme: Programme, region: Region | None, user: User | None = None, email: str = "", now=None
) -> ProgrammeInterest:
    """Registers interest: a signed-in `user`'s at once (again: their region changes), an `email`'s unconfirmed,
    with the confirmation link sent unless one was sent moments ago. Refused (InvalidInput, by field) for an
    open-access programme, which has no cohorts, and for an address that is not one."""
    if programme.is_open_access:
        raise InvalidInput({None: "This programme has no cohorts to wait for: you can enrol on it at any time"})
    now = now or timezone.now()
    if user is not None and user.is_authenticated:
        return _person_register(user=user, programme=programme, region=region, now=now)
    return _email_register(email=_address(email), programme=programme, region=region, now=now)


def _address(email: str) -> str:
    email = email.strip().lower()
    if not email:
        raise InvalidInput({"email": "Enter your e-mail address"})
    try:
        validate_email(email)
    except ValidationError:
        raise InvalidInput({"email": EMAIL_FORMAT}) from None
    if len(email) > EMAIL_MAX_LENGTH:
        raise InvalidInput({"email": f"Your e-mail address must be {EMAIL_MAX_LENGTH} characters or fewer"})
    return email


def _person_register(*, user: User, programme: Programme, region: Region | None, now) -> ProgrammeInterest:
    with transaction.atomic():
        interest = _locked_or_new(programme=programme, user=user, email="")
        interest.region = region
        interest.confirmed_at = interest.confirmed_at or now
        interest.save()
    return interest


def _email_register(*, email: str, programme: Programme, region: Region | None, now) -> ProgrammeInterest:
    with transaction.atomic():
        interest = _locked_or_new(programme=programme, user=None, email=email)
        sent = interest.confirmation_sent_at
        if sent and now - sent < CONFIRMATION_RESEND_AFTER:
            return interest
        interest.confirmation_sent_at = now
        interest.save()
        stamp = int(now.timestamp())
        tasks.send_interest_confirmation.enqueue_on_commit(interest.pk, region.pk if region else None, stamp)
    return interest


def _locked_or_new(*, programme: Programme, user: User | None, email: str) -> ProgrammeInterest:
    """The interest of that person or address in that programme, locked; made if there is none. Two requests at
    once both end with the one row: the loser of the race to insert it locks the winner's."""
    lookup = {"programme": programme, "user": user, "email": email}
    interest = lock_row(ProgrammeInterest.objects, **lookup)
    if interest is not None:
        return interest
    try:
        with transaction.atomic():
            return ProgrammeInterest.objects.create(**lookup)
    except IntegrityError:
        return lock_row(ProgrammeInterest.objects, **lookup)


# --------------------------------------------------------------------------------------------------------------
# Links


def interest_confirm_token(interest: ProgrammeInterest, region_id: int | None) -> str:
    return signing.dumps({"interest": interest.pk, "email": interest.email, "region": region_id}, salt=CONFIRM_SALT)


def interest_unsubscribe_token(interest: ProgrammeInterest) -> str:
    return signing.dumps({"interest": interest.pk}, salt=UNSUBSCRIBE_SALT)


def interest_confirmation(*, token: str) -> tuple[ProgrammeInterest, Region | None]:
    """The interest and region a confirmation link is for, if the link is genuine and in date."""
    try:
        payload = signing.loads(token, salt=CONFIRM_SALT, max_age=timedelta(days=CONFIRM_LINK_DAYS))
    except signing.SignatureExpired:
        raise InterestLinkInvalid(
            f"This link has expired: links work for {CONFIRM_LINK_DAYS} days. Ask again on the programme's page."
        ) from None
    except signing.BadSignature:
        raise InterestLinkInvalid("This link is not valid. Check you copied the whole link from the e-mail.") from None
    interest = (
        ProgrammeInterest.objects.select_related("programme")
        .filter(pk=payload.get("interest"), user__isnull=True, email=payload.get("email"))
        .first()
    )
    if interest is None:
        raise InterestLinkInvalid("This link no longer works: the e-mails it was for were stopped.")
    region = Region.objects.filter(pk=payload.get("region")).first() if payload.get("region") else None
    return interest, region


def interest_confirm(*, token: str, now=None) -> ProgrammeInterest:
    """Confirms the address from its link, with the region chosen when the link was sent. Confirming again changes
    nothing but the region."""
    interest, region = interest_confirmation(token=token)
    with transaction.atomic():
        interest = lock_row(ProgrammeInterest.objects, pk=interest.pk)
        if interest is None:
            raise InterestLinkInvalid("This link no longer works: the e-mails it was for were stopped.")
        interest.region = region
        interest.confirmed_at = interest.confirmed_at or now or timezone.now()
        interest.save(update_fields=["region", "confirmed_at"])
    return interest


def interest_unsubscribing(*, token: str) -> ProgrammeInterest | None:
    """The interest an unsubscribe link is for; None once it is gone (the link then has nothing left to do)."""
    try:
        payload = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        raise InterestLinkInvalid("This link is not valid. Check you copied the whole link from the e-mail.") from None
    return ProgrammeInterest.objects.select_related("programme").filter(pk=payload.get("interest")).first()


def interest_unsubscribe(*, token: str) -> ProgrammeInterest | None:
    """Stops the e-mails an unsubscribe link is for: the interest goes. Following it again does nothing."""
    interest = interest_unsubscribing(token=token)
    if interest is not None:
        ProgrammeInterest.objects.filter(pk=interest.pk).delete()
    return interest


def interest_withdraw(*, user: User, interest_id: int) -> None:
    """A signed-in person stops an interest of theirs (or one confirmed from their address)."""
    deleted, _ = ProgrammeInterest.objects.for_person(user).filter(pk=interest_id).delete()
    if not deleted:
        raise EnrolmentError("There is no such request for e-mails.")


# --------------------------------------------------------------------------------------------------------------
# A cohort opens


def interested_people_tell(*, cohort_id: int, now=None) -> int:
    """Enqueues one e-mail per interest the cohort's opening concerns, if it is still open; returns how many."""
    cohort = cohort_for_interest(cohort_id)
    if cohort is None or not cohort.is_open_for_applications(now):
        return 0
    with transaction.atomic():
        interest_ids = list(interests_to_tell(cohort).values_list("pk", flat=True))
        for interest_id in interest_ids:
            tasks.send_interest_email.enqueue_on_commit(interest_id, cohort_id)
    return len(interest_ids)
