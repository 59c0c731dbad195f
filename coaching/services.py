"""Every write that is a rule of the register, each one transaction.

Whatever can add a mentee to a coach (accepting a request, lowering the limit) locks the coach's profile row
first, then counts the accepted requests under that lock, so two acceptances at once cannot both take the last
free place.
"""

from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import dateformat, timezone

from academies.models import Academy
from portal.locking import lock_row
from portal.models import Profession, Region, User
from programmes.models import CareerStage, FrameworkElement

from . import permissions
from .models import (
    HLM_FRAMEWORK_SLUG,
    REGISTER_ACADEMY_KINDS,
    CapacityReached,
    CoachingError,
    CoachingRequest,
    CoachingSession,
    CoachProfile,
)
from .tasks import send_coaching_request_email

NO_SUCH_REQUEST = "There is no such request."


@dataclass(frozen=True)
class CoachProfileDetails:
    """What a coach says about themselves; the academy vouches for it by approving."""

    academy: Academy
    offers_coaching: bool
    offers_mentoring: bool
    qualification: str
    about: str
    dimensions: list[FrameworkElement]
    professions: list[Profession]
    career_stages: list[CareerStage]
    region: Region
    meets_in_person: bool
    meets_online: bool
    max_mentees: int


def coach_profile_register(*, user: User, details: CoachProfileDetails) -> CoachProfile:
    """Puts the coach forward to their academy; nobody finds them until it approves."""
    if permissions.organisation_id_of(user) is None:
        raise CoachingError("Add your organisation to your profile first, so mentees in it are never matched with you.")
    if CoachProfile.objects.filter(user=user).exists():
        raise CoachingError("You already have a coach profile.")
    profile = CoachProfile(user=user)
    try:
        with transaction.atomic():
            _save_details(profile, details)
    except IntegrityError:
        raise CoachingError("You already have a coach profile.") from None
    return profile


@transaction.atomic
def coach_profile_update(*, user: User, details: CoachProfileDetails) -> CoachProfile:
    """Saves the coach's changes. A new qualification or academy, or a rejected profile put right, goes back to
    the academy; the limit can never drop below the people the coach already has."""
    profile = lock_row(CoachProfile.objects, user=user)
    if profile is None:
        raise CoachingError("You have no coach profile yet.")
    active = profile.requests.filter(status=CoachingRequest.Status.ACCEPTED).count()
    if details.max_mentees < active:
        raise CoachingError(
            f"You have {active} active relationship{'s' if active != 1 else ''}, so you cannot take fewer than "
            f"{active} at once. Close one first."
        )
    needs_review = profile.status == CoachProfile.Status.REJECTED or (
        profile.status == CoachProfile.Status.APPROVED
        and (profile.qualification != details.qualification.strip() or profile.academy_id != details.academy.pk)
    )
    if needs_review:
        profile.move_to(CoachProfile.Status.PENDING)
    _save_details(profile, details)
    return profile


def _save_details(profile: CoachProfile, details: CoachProfileDetails) -> None:
    if not (details.offers_coaching or details.offers_mentoring):
        raise CoachingError("Choose coaching, mentoring or both.")
    if not (details.meets_in_person or details.meets_online):
        raise CoachingError("Choose in person, online or both.")
    if details.academy.kind not in REGISTER_ACADEMY_KINDS:
        raise CoachingError("Choose a local or system leadership academy: they run the register.")
    if not (details.dimensions and details.professions and details.career_stages):
        raise CoachingError("Choose at least one dimension, profession and level.")
    if any(element.framework.slug != HLM_FRAMEWORK_SLUG for element in details.dimensions):
        raise CoachingError("Choose dimensions of the Healthcare Leadership Model.")
    for name in ("academy", "offers_coaching", "offers_mentoring", "region", "meets_in_person", "meets_online"):
        setattr(profile, name, getattr(details, name))
    profile.qualification = details.qualification.strip()
    profile.about = details.about.strip()
    profile.max_mentees = details.max_mentees
    profile.full_clean()
    profile.save()
    profile.dimensions.set(details.dimensions)
    profile.professions.set(details.professions)
    profile.career_stages.set(details.career_stages)


@transaction.atomic
def coach_profile_approve(*, profile_id: int, admin_user: User) -> CoachProfile:
    profile = _administered_profile_locked(profile_id, admin_user)
    profile.move_to(CoachProfile.Status.APPROVED, by=admin_user)
    profile.full_clean()
    profile.save()
    return profile


@transaction.atomic
def coach_profile_reject(*, profile_id: int, admin_user: User, reason: str) -> CoachProfile:
    """Keeps the profile off the register, telling the coach why so they can put it right."""
    if not reason.strip():
        raise CoachingError("Say why the profile is not approved, so the coach can put it right.")
    profile = _administered_profile_locked(profile_id, admin_user)
    profile.move_to(CoachProfile.Status.REJECTED, by=admin_user, note=reason.strip())
    profile.full_clean()
    profile.save()
    return profile


def _administered_profile_locked(profile_id: int, admin_user: User) -> CoachProfile:
    profile = lock_row(permissions.coach_profiles_administered_by(admin_user), pk=profile_id)
    if profile is None:
        raise CoachingError("There is no such profile among your academy's.")
    return profile


@transaction.atomic
def coaching_request_create(*, mentee: User, coach_id: int, kind: str, message: str) -> CoachingRequest:
    """Asks a listed coach with a free place; the coach is told once the request is committed."""
    coach = CoachProfile.objects.select_related("user").filter(pk=coach_id).first()
    if coach is None:
        raise CoachingError("There is no such coach.")
    refusal = permissions.request_refusal(mentee=mentee, coach=coach)
    if refusal:
        raise CoachingError(refusal)
    if kind not in CoachingRequest.Kind.values or not getattr(coach, f"offers_{kind}"):
        raise CoachingError(f"{coach.user.full_name} does not offer {kind or 'that'}.")
    coaching_request = CoachingRequest(mentee=mentee, coach=coach, kind=kind, message=message.strip())
    coaching_request.full_clean()
    try:
        with transaction.atomic():
            coaching_request.save()
    except IntegrityError:  # a double-clicked "Send": the partial unique constraint lets only one in
        raise CoachingError("You have already asked this coach.") from None
    send_coaching_request_email.enqueue_on_commit(coaching_request.pk, "made")
    return coaching_request


def coaching_request_accept(*, request_id: int, coach_user: User) -> CoachingRequest:
    """Starts the relationship if the coach has a free place, counted under a lock on the coach's profile."""
    coach_id = (
        CoachingRequest.objects.filter(pk=request_id, coach__user=coach_user).values_list("coach_id", flat=True).first()
    )
    if coach_id is None:
        raise CoachingError(NO_SUCH_REQUEST)
    with transaction.atomic():
        coach = lock_row(CoachProfile.objects, pk=coach_id)
        coaching_request = lock_row(CoachingRequest.objects, pk=request_id)
        coaching_request.check_transition(CoachingRequest.Status.ACCEPTED)
        if coach.status != CoachProfile.Status.APPROVED:
            raise CoachingError("Your profile is waiting for your academy's approval. You can accept once it is.")
        if permissions.shares_organisation(permissions.organisation_id_of(coaching_request.mentee), coach):
            raise CoachingError(permissions.CONFLICT_OF_INTEREST)
        active = coach.requests.filter(status=CoachingRequest.Status.ACCEPTED).count()
        if active >= coach.max_mentees:
            raise CapacityReached(
                f"You already have {active} of the {coach.max_mentees} people you take at once, so you cannot accept "
                "another. Close a relationship or raise your limit first."
            )
        _move(coaching_request, CoachingRequest.Status.ACCEPTED, event="accepted")
    return coaching_request


@transaction.atomic
def coaching_request_decline(*, request_id: int, coach_user: User) -> CoachingRequest:
    coaching_request = _request_locked(CoachingRequest.objects.filter(coach__user=coach_user), request_id)
    return _move(coaching_request, CoachingRequest.Status.DECLINED, event="declined")


@transaction.atomic
def coaching_request_withdraw(*, request_id: int, mentee: User) -> CoachingRequest:
    coaching_request = _request_locked(CoachingRequest.objects.filter(mentee=mentee), request_id)
    return _move(coaching_request, CoachingRequest.Status.WITHDRAWN)


@transaction.atomic
def coaching_relationship_close(*, request_id: int, user: User) -> CoachingRequest:
    """Either side ends the relationship, freeing the coach's place; the other side is told."""
    coaching_request = _request_locked(permissions.requests_visible_to(user), request_id)
    return _move(coaching_request, CoachingRequest.Status.CLOSED, by=user, event="closed")


def _move(coaching_request: CoachingRequest, status: str, *, by: User | None = None, event: str = ""):
    """Moves a locked request along its table and saves it; `event` names the e-mail to send once committed."""
    coaching_request.move_to(status, by=by)
    coaching_request.full_clean()
    coaching_request.save()
    if event:
        send_coaching_request_email.enqueue_on_commit(coaching_request.pk, event)
    return coaching_request


@transaction.atomic
def coaching_session_log(*, request_id: int, user: User, held_on: date) -> CoachingSession:
    """Either side records a session held; a day already logged (perhaps by the other side) is refused."""
    coaching_request = _request_locked(permissions.requests_visible_to(user), request_id)
    if coaching_request.status != CoachingRequest.Status.ACCEPTED:
        raise CoachingError("Sessions can be logged only while the relationship is active.")
    started_on = timezone.localdate(coaching_request.accepted_at)
    if not started_on <= held_on <= timezone.localdate():
        raise CoachingError(f"Enter a date between {_day(started_on)}, when the relationship started, and today.")
    if coaching_request.sessions.filter(held_on=held_on).exists():
        raise CoachingError(f"A session on {_day(held_on)} is already logged.")
    session = CoachingSession(request=coaching_request, held_on=held_on, logged_by=user)
    session.full_clean()
    session.save()
    return session


def _day(day: date) -> str:
    return dateformat.format(day, "j F Y")


def _request_locked(queryset, request_id: int) -> CoachingRequest:
    coaching_request = lock_row(queryset, pk=request_id)
    if coaching_request is None:
        raise CoachingError(NO_SUCH_REQUEST)
    return coaching_request
