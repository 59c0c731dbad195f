"""Who may see and do what in the register, in one place: views and services ask here, never test roles inline.

Reads are scoped by querysets, so a record outside them is simply not found (a 404), never shown then refused.
"""

from django.db.models import Q, QuerySet

from academies.models import Academy
from portal.models import StaffProfile

from .models import CoachingRequest, CoachProfile

CONFLICT_OF_INTEREST = (
    "You and this coach work in the same organisation, so the register cannot match you: "
    "it would be a conflict of interest."
)


def organisation_id_of(user) -> int | None:
    """The organisation in the person's staff profile (`user` may be the user or their id)."""
    return StaffProfile.objects.filter(user=user).values_list("organisation_id", flat=True).first()


def academies_administered_by(user) -> QuerySet[Academy]:
    return Academy.objects.for_admin(user)


def coach_profiles_administered_by(user) -> QuerySet[CoachProfile]:
    return CoachProfile.objects.filter(academy__in=academies_administered_by(user))


def coach_profiles_visible_to(user) -> QuerySet[CoachProfile]:
    """Listed profiles, the user's own whatever its status, and those awaiting their academy's decision."""
    administered = academies_administered_by(user).values("pk")
    return CoachProfile.objects.filter(
        Q(status=CoachProfile.Status.APPROVED) | Q(user=user) | Q(academy__in=administered)
    )


def requests_visible_to(user) -> QuerySet[CoachingRequest]:
    """Only the two people in a request ever see it."""
    return CoachingRequest.objects.filter(Q(mentee=user) | Q(coach__user=user))


def is_coach_of(user, coaching_request: CoachingRequest) -> bool:
    return coaching_request.coach.user_id == user.pk


def is_mentee_of(user, coaching_request: CoachingRequest) -> bool:
    return coaching_request.mentee_id == user.pk


def is_party_to(user, coaching_request: CoachingRequest) -> bool:
    return is_coach_of(user, coaching_request) or is_mentee_of(user, coaching_request)


def request_actions(user, coaching_request: CoachingRequest) -> set[str]:
    """What the user may do to the request now: the buttons its page shows (the services check again)."""
    if coaching_request.status == CoachingRequest.Status.REQUESTED:
        if is_coach_of(user, coaching_request):
            return {"accept", "decline"}
        return {"withdraw"} if is_mentee_of(user, coaching_request) else set()
    if coaching_request.status == CoachingRequest.Status.ACCEPTED and is_party_to(user, coaching_request):
        return {"log_session", "close"}
    return set()


def can_see_contact_details(user, coaching_request: CoachingRequest) -> bool:
    """Each side sees the other's e-mail only from the moment the coach accepts."""
    return is_party_to(user, coaching_request) and coaching_request.contact_shared


def shares_organisation(mentee_organisation_id: int | None, coach: CoachProfile) -> bool:
    """The conflict of interest the register guards against: coach and mentee in the same organisation."""
    return mentee_organisation_id is not None and organisation_id_of(coach.user_id) == mentee_organisation_id


def is_own_profile(user, coach: CoachProfile) -> bool:
    return coach.user_id == user.pk


def request_refusal(*, mentee, coach: CoachProfile) -> str | None:
    """Why `mentee` may not ask `coach` now, in words for them; None when they may."""
    if is_own_profile(mentee, coach):
        return "This is your own profile."
    if coach.status != CoachProfile.Status.APPROVED:
        return "This coach is not on the register at the moment."
    mentee_organisation_id = organisation_id_of(mentee)
    if mentee_organisation_id is None:
        return "Add your organisation to your profile first, so the register can avoid a conflict of interest."
    if shares_organisation(mentee_organisation_id, coach):
        return CONFLICT_OF_INTEREST
    if CoachingRequest.objects.filter(mentee=mentee, coach=coach, status__in=CoachingRequest.OPEN).exists():
        return "You have already asked this coach. See your coaching and mentoring."
    if not CoachProfile.objects.with_room().filter(pk=coach.pk).exists():
        return "This coach has no free place at the moment."
    return None
