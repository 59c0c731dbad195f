"""A learner's timetable: the sessions on "My learning", and their calendar subscription, secret and revocable."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from enrolment.services.calendar_feeds import calendar_feed_reset
from enrolment.timetable_calendar import personal_calendar
from enrolment.timetable_selectors import calendar_feed_of, calendar_feed_person, places_held_with_sessions


def learning_timetable(request) -> dict:
    """What "My learning" shows of the person's timetable: each place they hold, with its sessions, and the
    address of their calendar subscription if they have made one."""
    feed = calendar_feed_of(request.user)
    url = request.build_absolute_uri(reverse("enrolment:calendar_feed", args=[feed.token])) if feed else ""
    return {"places": places_held_with_sessions(request.user), "calendar_url": url}


@login_required
@require_POST
def calendar_reset(request):
    had_one = calendar_feed_of(request.user) is not None
    calendar_feed_reset(person=request.user)
    if had_one:
        messages.success(request, "Your calendar has a new address. The old one no longer works: subscribe again.")
    else:
        messages.success(request, "Your calendar address is ready. Add it to your calendar app to subscribe.")
    return redirect(reverse("enrolment:learning") + "#calendar")


@require_GET
def calendar_feed(request, token):
    """Public, as calendar apps cannot sign in: the unguessable token is the key, and a reset one finds nothing."""
    person = calendar_feed_person(token)
    if person is None:
        raise Http404
    response = HttpResponse(
        personal_calendar(person, made_at=timezone.now()), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = 'inline; filename="my-sessions.ics"'
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response
