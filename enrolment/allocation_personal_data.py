"""What allocations and nominations hold about a person, for enrolment's entry in the personal data registry
(enrolment.personal_data): the nominations of their address, the allocations they nominate for, and what they
declared for ring-fenced places (special category data: erasure deletes it)."""

from portal.personal_data_registry import email_deliveries_about_erase, erased_email

from .models import Nomination, PlaceAllocation, RingFenceDeclaration


def nominations_export(user) -> dict:
    return {
        "nominations_of_you": list(
            Nomination.objects.filter(email__iexact=user.email)
            .order_by("created_at", "pk")
            .values("cohort__programme__title", "cohort__name", "email", "created_at")
        ),
        "places_you_nominate_for": list(
            PlaceAllocation.objects.filter(nominator=user).values("cohort__programme__title", "cohort__name", "places")
        ),
        "your_declarations_for_ring_fenced_places": list(
            RingFenceDeclaration.objects.filter(application__applicant=user).values(
                "allocation__cohort__programme__title", "allocation__cohort__name", "rule", "declared_at"
            )
        ),
    }


def nominations_erase(user) -> None:
    """A nomination of the person's address keeps its place in the allocation's count, under an erased address;
    the e-mail inviting them keeps its key (so a retried task still sends nothing) without its subject."""
    nominations = Nomination.objects.filter(email__iexact=user.email)
    ids = list(nominations.values_list("pk", flat=True))
    email_deliveries_about_erase(key_prefixes=[f"nomination:{pk}:" for pk in ids])
    nominations.update(email=erased_email(user))
    RingFenceDeclaration.objects.filter(application__applicant=user).delete()
