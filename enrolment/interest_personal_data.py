"""What interest in programmes holds about a person, for enrolment's entry in the personal data registry
(enrolment.personal_data): the programmes they asked to hear about, under their account or from their address."""

from portal.personal_data_registry import email_deliveries_about_erase

from .models import ProgrammeInterest


def interests_export(user) -> list[dict]:
    return list(
        ProgrammeInterest.objects.for_person(user)
        .order_by("created_at", "pk")
        .values("programme__title", "region__name", "email", "created_at", "confirmed_at")
    )


def interests_erase(user) -> None:
    """Every interest of the account, and every one registered from its address, confirmed or not, goes whole:
    it counts nowhere but in the academies' waiting numbers, which should drop. The e-mails about them keep their
    keys (so a retried task still sends nothing) without their subjects."""
    interests = ProgrammeInterest.objects.filter(user=user) | ProgrammeInterest.objects.filter(
        user__isnull=True, email__iexact=user.email
    )
    ids = list(interests.values_list("pk", flat=True))
    email_deliveries_about_erase(key_prefixes=[f"interest:{pk}:" for pk in ids])
    ProgrammeInterest.objects.filter(pk__in=ids).delete()
