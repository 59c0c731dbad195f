"""What coaching holds about a person: their coach profile, and the requests and relationships they are in as
mentee or coach. Erasure empties their messages and their profile (taken off the register for good) and the
subjects of e-mails about their requests. Who decided on a profile, closed a request or logged a session is kept
by id, as the record of the other person's relationship."""

from portal.personal_data_registry import PersonalData, email_deliveries_about_erase, fields_of

from .models import CoachingRequest, CoachProfile
from .permissions import requests_visible_to

PROFILE_FIELDS = [
    "offers_coaching", "offers_mentoring", "qualification", "about", "meets_in_person", "meets_online",
    "max_mentees", "decision_note", "created_at",
]


def _export(user) -> dict:
    profile = CoachProfile.objects.filter(user=user).select_related("academy", "region").first()
    requests = requests_visible_to(user).select_related("mentee", "coach__user").prefetch_related("sessions")
    return {
        "coaching": {
            "coach_profile": profile
            and {
                **fields_of(profile, PROFILE_FIELDS),
                "academy": profile.academy.name,
                "region": profile.region.name,
                "status": profile.get_status_display(),
            },
            "requests": [_request(request, user) for request in requests],
        }
    }


def _request(request: CoachingRequest, user) -> dict:
    return {
        "you_are": "mentee" if request.mentee_id == user.pk else "coach",
        "other_person": (request.coach.user if request.mentee_id == user.pk else request.mentee).full_name,
        "kind": request.get_kind_display(),
        "message": request.message,
        "status": request.get_status_display(),
        **fields_of(request, ["created_at", "responded_at", "accepted_at", "closed_at"]),
        "sessions": [session.held_on for session in request.sessions.all()],
    }


def _problems(user) -> list[str]:
    if requests_visible_to(user).filter(status__in=CoachingRequest.OPEN).exists():
        return ["You have coaching or mentoring requests or relationships open: withdraw or close them first."]
    return []


def _erase(user) -> None:
    """Their messages go; a coach profile is emptied and taken off the register for good."""
    request_ids = requests_visible_to(user).values_list("pk", flat=True)
    email_deliveries_about_erase(key_prefixes=[f"coaching-request:{pk}:" for pk in request_ids])
    CoachingRequest.objects.filter(mentee=user).update(message="")
    CoachProfile.objects.filter(user=user).update(
        qualification="", about="", decision_note="", max_mentees=0, status=CoachProfile.Status.REJECTED
    )


PERSONAL_DATA = PersonalData(
    app_label="coaching",
    models=("coaching.CoachProfile", "coaching.CoachingRequest", "coaching.CoachingSession"),
    export=_export,
    erase=_erase,
    problems=_problems,
)
