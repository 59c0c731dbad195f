"""Reads of learners' timetables: the sessions of the cohorts a person holds a place on, a cohort's time commitment,
and a person's calendar subscription. Each is a fixed number of queries however many sessions or places."""

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet
from django.utils import timezone

from portal.models import User

from .models import Application, CalendarFeed, CohortSession
from .statuses import PLACE_HOLDING


def places_held_with_sessions(person: User) -> QuerySet[Application]:
    """The person's applications that hold a place on a cohort, soonest cohort first, each with its sessions."""
    return (
        Application.objects.for_applicant(person)
        .filter(status__in=PLACE_HOLDING, cohort__isnull=False)
        .select_related("programme", "cohort__academy")
        .prefetch_related("cohort__sessions")
        .order_by("cohort__starts_on", "pk")
    )


def sessions_of_places_held(person: User) -> QuerySet[CohortSession]:
    """Every session of every cohort the person holds a place on, for their calendar subscription."""
    held = Application.objects.for_applicant(person).filter(status__in=PLACE_HOLDING)
    return CohortSession.objects.filter(cohort__in=held.values("cohort")).select_related("cohort__programme")


@dataclass(frozen=True)
class TimeCommitment:
    """What a cohort asks of a learner's time, for their line manager."""

    sessions: int
    days: list[date]
    hours: float


def time_commitment(sessions: list[CohortSession]) -> TimeCommitment:
    days = sorted({timezone.localdate(session.starts_at) for session in sessions})
    hours = sum(session.hours for session in sessions)
    return TimeCommitment(sessions=len(sessions), days=days, hours=round(hours, 1))


def application_time_commitment(application: Application) -> dict:
    """The sessions of the application's cohort and what they add up to, in one query; none before a cohort is
    chosen."""
    sessions = list(application.cohort.sessions.all()) if application.cohort_id else []
    return {"sessions": sessions, "commitment": time_commitment(sessions)}


def calendar_feed_of(person: User) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(person=person).first()


def calendar_feed_person(token: str) -> User | None:
    """Whose calendar a subscription address is; None for an address that was reset, or never was."""
    feed = CalendarFeed.objects.select_related("person").filter(token=token, person__is_active=True).first()
    return feed.person if feed else None
