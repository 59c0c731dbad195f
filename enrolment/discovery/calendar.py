"""iCalendar (.ics) files of a cohort's dates, for people to add to their own calendars.

A calendar is made from a list of CalendarEvent, so it serves any list of dated things: today a cohort's first
and last days; its sessions, once cohorts have them, by adding them to cohort_events.
"""

from datetime import date, datetime, timedelta
from typing import NamedTuple
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.text import slugify
from icalendar import Calendar, Event

from enrolment.models import Cohort

PRODUCT_ID = "-//NHS leadership programmes//Cohort calendar//EN"


class CalendarEvent(NamedTuple):
    """One entry. With dates it takes whole days, `end` being the last of them; with datetimes, the times given."""

    start: date | datetime
    end: date | datetime
    title: str
    location: str


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


def calendar_file(events: list[CalendarEvent], *, name: str, uid_prefix: str, made_at: datetime) -> bytes:
    """An iCalendar file of the events; each keeps its UID across downloads, so calendars update, not duplicate."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    for event in events:
        entry = Event()
        entry.add("uid", f"{uid_prefix}-{event.start.isoformat()}-{slugify(event.title)}@{domain}")
        entry.add("dtstamp", made_at)
        entry.add("summary", event.title)
        entry.add("dtstart", event.start)
        # An all-day event's DTEND is the day after its last (RFC 5545).
        all_day = not isinstance(event.end, datetime)
        entry.add("dtend", event.end + timedelta(days=1) if all_day else event.end)
        if event.location:
            entry.add("location", event.location)
        calendar.add_component(entry)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def cohort_calendar(cohort: Cohort, *, made_at: datetime) -> bytes:
    return calendar_file(
        cohort_events(cohort),
        name=cohort_title(cohort),
        uid_prefix=f"cohort-{cohort.pk}",
        made_at=made_at,
    )


def cohort_calendar_filename(cohort: Cohort) -> str:
    return f"{slugify(cohort.programme.title)}-{slugify(cohort.name)}.ics"
