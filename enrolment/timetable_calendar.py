"""A person's calendar subscription: every session of every cohort they hold a place on, as an iCalendar file.

Each session keeps its UID for good, and says its SEQUENCE and LAST-MODIFIED, so a calendar app that fetches the
file again moves a session that moved and drops one that was cancelled."""

from datetime import datetime

from portal.models import User

from .calendar import CalendarEvent, calendar_file
from .models import CohortSession
from .timetable_selectors import sessions_of_places_held

CALENDAR_NAME = "My NHS leadership programme sessions"


def session_event(session: CohortSession) -> CalendarEvent:
    cohort = session.cohort
    demo = " (Demo)" if cohort.is_demo else ""
    about = f"{cohort.programme.title}, {cohort.name}{demo}"
    return CalendarEvent(
        start=session.starts_at,
        end=session.ends_at,
        title=f"{session.title}: {cohort.programme.title}{demo}",
        location=session.joining_url if session.is_online and session.joining_url else session.place,
        uid=f"session-{session.pk}",
        sequence=session.sequence,
        modified=session.updated_at,
        description=f"{about}. Join online: {session.joining_url}" if session.joining_url else about,
    )


def personal_calendar(person: User, *, made_at: datetime) -> bytes:
    events = [session_event(session) for session in sessions_of_places_held(person)]
    return calendar_file(events, name=CALENDAR_NAME, uid_prefix=f"person-{person.pk}", made_at=made_at)
