"""Links e-mailed to someone without an account (the line manager, the budget holder) to answer for an application.

A link signs the application id and a nonce of the application's. It expires after its number of days, and works
once: answering replaces the nonce, so the same link then fails.
"""

from datetime import timedelta

from django.core import signing

from enrolment.models import Application, EnrolmentError


class LinkInvalid(EnrolmentError):
    """The link was tampered with, has expired or has been used."""


EXPIRED = "This link has expired. Ask the applicant to contact their academy."
ALTERED = "This link is not valid. Check you copied the whole link from the e-mail."


def signed_link_token(application: Application, *, salt: str, nonce_field: str) -> str:
    return signing.dumps({"application": application.pk, "nonce": str(getattr(application, nonce_field))}, salt=salt)


def signed_link_application(token: str, *, salt: str, nonce_field: str, days: int) -> Application | None:
    """The application whose nonce the link still carries; None once the nonce has changed. LinkInvalid when the
    link is altered or older than `days`."""
    try:
        payload = signing.loads(token, salt=salt, max_age=timedelta(days=days))
    except signing.SignatureExpired:
        raise LinkInvalid(EXPIRED) from None
    except signing.BadSignature:
        raise LinkInvalid(ALTERED) from None
    return (
        Application.objects.select_related("applicant", "programme", "cohort__academy", "region")
        .filter(pk=payload.get("application"), **{nonce_field: payload.get("nonce")})
        .first()
    )
