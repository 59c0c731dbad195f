"""The follow-up's e-mailed link, which needs no sign-in: it signs the follow-up's id and nonce, expires after
FOLLOW_UP_LINK_DAYS, and works once (answering replaces the nonce). An altered, expired or used link changes
nothing, and its page says which."""

from datetime import timedelta

from django.conf import settings
from django.core import signing

from .models import FollowUp, FollowUpError

SALT = "progression.follow-up"
EXPIRED = "This link has expired. You can see your answers in your account."
ALTERED = "This link is not valid. Check you copied the whole link from the e-mail."
USED = "This link has already been used. You can see and change your answers in your account."


class FollowUpLinkInvalid(FollowUpError):
    """The link was altered, has expired or has been used."""


def follow_up_link_token(follow_up: FollowUp) -> str:
    return signing.dumps({"follow_up": follow_up.pk, "nonce": str(follow_up.link_nonce)}, salt=SALT)


def follow_up_link_payload(token: str) -> dict:
    """What a genuine link in date signs; FollowUpLinkInvalid otherwise."""
    try:
        return signing.loads(token, salt=SALT, max_age=timedelta(days=settings.FOLLOW_UP_LINK_DAYS))
    except signing.SignatureExpired:
        raise FollowUpLinkInvalid(EXPIRED) from None
    except signing.BadSignature:
        raise FollowUpLinkInvalid(ALTERED) from None


def follow_up_for_link(token: str, queryset=None) -> FollowUp:
    """The follow-up a link is for, if the link is genuine, in date and unused."""
    payload = follow_up_link_payload(token)
    queryset = FollowUp.objects.select_related("application__programme") if queryset is None else queryset
    follow_up = queryset.filter(pk=payload.get("follow_up"), link_nonce=payload.get("nonce")).first()
    if follow_up is None:
        raise FollowUpLinkInvalid(USED)
    return follow_up
