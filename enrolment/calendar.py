"""iCalendar (.ics) files of dated things, for people to add to their own calendars: a cohort's first and last days
(programmes.calendar) and a learner's sessions (enrolment.timetable_calendar) are both made from CalendarEvent."""

from datetime import date, datetime, timedelta
from typing import NamedTuple
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.text import slugify
from icalendar import Calendar, Event

PRODUCT_ID = "-//NHS leadership programmes//Cohort calendar//EN"


class CalendarEvent(NamedTuple):
    """One entry. With dates it takes whole days, `end` being the last of them; with datetimes, the times given.

    `uid` names the entry for good (by default its start and title, under the file's uid_prefix); `sequence` and
    `modified` say which version of it this is, so a calendar replaces an entry that moved."""

    start: date | datetime
    end: date | datetime
    title: str
    location: str
    uid: str = ""
    sequence: int = 0
    modified: datetime | None = None
    description: str = ""


def calendar_file(events: list[CalendarEvent], *, name: str, uid_prefix: str, made_at: datetime) -> bytes:
    """An iCalendar file of the events; each keeps its UID across downloads, so calendars update, not duplicate."""
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    for event in events:
        uid = event.uid or f"{uid_prefix}-{event.start.isoformat()}-{slugify(event.title)}"
        calendar.add_component(_entry(event, uid=f"{uid}@{domain}", made_at=made_at))
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _entry(event: CalendarEvent, *, uid: str, made_at: datetime) -> Event:
    entry = Event()
    entry.add("uid", uid)
    entry.add("dtstamp", made_at)
    entry.add("summary", event.title)
    entry.add("dtstart", event.start)
    # An all-day event's DTEND is the day after its last (RFC 5545).
    all_day = not isinstance(event.end, datetime)
    entry.add("dtend", event.end + timedelta(days=1) if all_day else event.end)
    for field, value in (("location", event.location), ("description", event.description)):
        if value:
            entry.add(field, value)
    if event.modified:
        entry.add("sequence", event.sequence)
        entry.add("last-modified", event.modified)
    return entry
