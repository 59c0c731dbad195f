"""iCalendar (.ics) files of a cohort's dates, for people to add to their own calendars.

A calendar is made from a list of CalendarEvent (enrolment.calendar): here a cohort's first and last days; a
learner's sessions are in their own subscription (enrolment.timetable_calendar).
"""

from datetime import datetime

from django.utils.text import slugify

from enrolment.calendar import CalendarEvent as CalendarEvent  # the builder, shared with learners' timetables
from enrolment.calendar import calendar_file as calendar_file
from enrolment.models import Cohort


def cohort_location(cohort: Cohort) -> str:
    if cohort.is_online:
        return "Online"
    return ", ".join(part for part in (cohort.venue, cohort.region.name if cohort.region else "") if part)


def cohort_title(cohort: Cohort) -> str:
    """The programme and the cohort, and Demo for a demo cohort: a calendar shows no tag."""
    return f"{cohort.programme.title}: {cohort.name}{' (Demo)' if cohort.is_demo else ''}"


def cohort_events(cohort: Cohort) -> list[CalendarEvent]:
    name = cohort_title(cohort)
    where = cohort_location(cohort)
    return [
        CalendarEvent(cohort.starts_on, cohort.starts_on, f"{name} starts", where),
        CalendarEvent(cohort.ends_on, cohort.ends_on, f"{name} ends", where),
    ]


def cohort_calendar(cohort: Cohort, *, made_at: datetime) -> bytes:
    return calendar_file(
        cohort_events(cohort),
        name=cohort_title(cohort),
        uid_prefix=f"cohort-{cohort.pk}",
        made_at=made_at,
    )


def cohort_calendar_filename(cohort: Cohort) -> str:
    return f"{slugify(cohort.programme.title)}-{slugify(cohort.name)}.ics"
