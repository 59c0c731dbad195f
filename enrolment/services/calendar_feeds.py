"""A person's calendar subscription address: made, or replaced by a new one, on their request."""

from django.db import transaction

from enrolment.models import CalendarFeed
from enrolment.timetable import new_calendar_token
from portal.models import User


@transaction.atomic
def calendar_feed_reset(*, person: User) -> CalendarFeed:
    """Gives the person a new secret address for their calendar; the one they had before stops working."""
    feed, _ = CalendarFeed.objects.update_or_create(person=person, defaults={"token": new_calendar_token()})
    return feed
