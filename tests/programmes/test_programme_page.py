"""A programme page: its upcoming cohorts, the place for its button, its schema.org Course data, and each
cohort's dates as an iCalendar file."""

import json
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from enrolment.discovery.calendar import CalendarEvent, calendar_file
from tests.enrolment.factories import ApplicationFactory, CohortFactory
from tests.portal.factories import RegionFactory
from tests.programmes.factories import FrameworkElementFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


def calendar_url(cohort) -> str:
    return reverse("programmes:cohort_calendar", args=[cohort.programme.slug, cohort.pk])


def course_data(html: str) -> dict:
    found = re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    return json.loads(found.group(1))


def test_the_page_lists_upcoming_cohorts_with_academy_place_dates_places_left_and_window(client):
    cohort = CohortFactory(
        name="Spring cohort", venue="Riverside Education Centre", region=RegionFactory(name="North West"), capacity=12
    )
    ApplicationFactory(cohort=cohort, accepted=True)
    CohortFactory(programme=cohort.programme, name="Last year's cohort", starts_in_days=-200, closed=True)

    html = client.get(cohort.programme.get_absolute_url()).content.decode()

    assert "Spring cohort" in html
    assert "Last year&#x27;s cohort" not in html
    assert cohort.academy.name in html
    assert "Riverside Education Centre" in html and "North West" in html
    assert f"{cohort.starts_on:%-d %B %Y} to {cohort.ends_on:%-d %B %Y}" in html
    assert "11 of 12" in html
    assert f"Open now, until {timezone.localtime(cohort.applications_close_at):%-d %B %Y, %H:%M}" in html
    assert f'href="{calendar_url(cohort)}"' in html


@pytest.mark.parametrize(
    ("window", "says"),
    [
        ({"opens_later": True}, "Open from {opens:%-d %B %Y} to {closes:%-d %B %Y, %H:%M}"),
        ({"closed": True}, "Closed on {closes:%-d %B %Y}"),
    ],
)
def test_the_application_window_says_whether_it_is_open_yet_or_closed(client, window, says):
    cohort = CohortFactory(**window)
    opens = timezone.localtime(cohort.applications_open_at)
    closes = timezone.localtime(cohort.applications_close_at)

    html = client.get(cohort.programme.get_absolute_url()).content.decode()

    assert says.format(opens=opens, closes=closes) in html


def test_the_page_has_the_button_that_says_what_the_user_can_do(client):
    cohort = CohortFactory()

    html = client.get(cohort.programme.get_absolute_url()).content.decode()

    assert 'id="programme-action"' in html


def test_the_page_carries_schema_org_course_data_with_its_cohorts(client):
    programme = ProgrammeFactory(
        title="Mary Seacole programme",
        summary="A six-month leadership programme.",
        duration_months=6,
        cost="free",
        development_areas=[FrameworkElementFactory(name="Engaging the team")],
    )
    cohort = CohortFactory(programme=programme, venue="Riverside Education Centre")

    data = course_data(client.get(programme.get_absolute_url()).content.decode())

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Course"
    assert (data["name"], data["description"]) == ("Mary Seacole programme", "A six-month leadership programme.")
    assert data["provider"] == {"@type": "Organization", "name": programme.provider.name}
    assert data["url"].endswith(programme.get_absolute_url())
    assert (data["timeRequired"], data["isAccessibleForFree"], data["teaches"]) == ("P6M", True, ["Engaging the team"])
    assert data["hasCourseInstance"] == [
        {
            "@type": "CourseInstance",
            "name": cohort.name,
            "courseMode": "onsite",
            "startDate": cohort.starts_on.isoformat(),
            "endDate": cohort.ends_on.isoformat(),
            "organizer": {"@type": "Organization", "name": cohort.academy.name},
            "location": {"@type": "Place", "name": "Riverside Education Centre"},
        }
    ]


def test_course_data_says_nothing_the_catalogue_does_not(client):
    programme = ProgrammeFactory(duration_months=None, cost="", audience="", qualification="")

    data = course_data(client.get(programme.get_absolute_url()).content.decode())

    assert set(data) == {"@context", "@type", "name", "description", "url", "provider"}


def test_a_programme_whose_provider_the_sources_do_not_name_says_so_and_its_course_data_names_none(client):
    programme = ProgrammeFactory(title="System Leadership – Local Vision", provider=None, partners="")

    html = client.get(programme.get_absolute_url()).content.decode()
    listing = client.get(reverse("programmes:list")).content.decode()

    provider_row = re.search(r"Provider</dt>\s*<dd[^>]*>(.*?)</dd>", html, re.DOTALL).group(1)
    assert "Not stated in the published sources" in provider_row
    assert "provider" not in course_data(html)
    assert "Provider not stated" in listing


def test_text_in_the_course_data_cannot_close_its_script_element(client):
    programme = ProgrammeFactory(summary="</script><script>alert(1)</script>")

    html = client.get(programme.get_absolute_url()).content.decode()

    assert "<script>alert(1)" not in html
    assert course_data(html)["description"] == "</script><script>alert(1)</script>"


def test_a_cohorts_calendar_file_holds_its_first_and_last_days(client):
    cohort = CohortFactory(name="Spring cohort", venue="Riverside Education Centre", region=RegionFactory(name="North"))

    response = client.get(calendar_url(cohort))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="test-programme-')
    calendar = Calendar.from_ical(response.content)
    events = calendar.walk("VEVENT")
    assert [str(event["SUMMARY"]) for event in events] == [
        f"{cohort.programme.title}: Spring cohort starts",
        f"{cohort.programme.title}: Spring cohort ends",
    ]
    assert [(event.decoded("DTSTART"), event.decoded("DTEND")) for event in events] == [
        (cohort.starts_on, cohort.starts_on + timedelta(days=1)),
        (cohort.ends_on, cohort.ends_on + timedelta(days=1)),
    ]
    assert {str(event["LOCATION"]) for event in events} == {"Riverside Education Centre, North"}


def test_downloading_the_calendar_again_keeps_each_events_uid_so_calendars_update_it(client):
    cohort = CohortFactory()

    def uids():
        events = Calendar.from_ical(client.get(calendar_url(cohort)).content).walk("VEVENT")
        return [str(event["UID"]) for event in events]

    assert uids() == uids()
    assert len(set(uids())) == 2


def test_a_calendar_is_only_found_under_its_own_programme(client):
    cohort = CohortFactory()
    other = ProgrammeFactory()

    assert client.get(reverse("programmes:cohort_calendar", args=[other.slug, cohort.pk])).status_code == 404
    assert client.get(reverse("programmes:cohort_calendar", args=[cohort.programme.slug, 999999])).status_code == 404


def test_a_calendar_of_timed_events_keeps_their_times_and_time_zone():
    london = ZoneInfo("Europe/London")
    session = CalendarEvent(
        datetime(2027, 3, 4, 9, 30, tzinfo=london), datetime(2027, 3, 4, 16, 0, tzinfo=london), "Workshop 1", "Online"
    )

    calendar = Calendar.from_ical(
        calendar_file([session], name="Sessions", uid_prefix="cohort-1", made_at=timezone.now())
    )

    event = calendar.walk("VEVENT")[0]
    assert (event.decoded("DTSTART"), event.decoded("DTEND")) == (session.start, session.end)
    assert [str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")] == ["Europe/London"]


def test_a_programme_with_many_cohorts_shows_the_ten_soonest_and_links_to_the_rest(client):
    programme = ProgrammeFactory(title="Ward leadership")
    for day in range(12):
        CohortFactory(programme=programme, name=f"Cohort starting on day {60 + day}", starts_in_days=60 + day)

    html = client.get(programme.get_absolute_url()).content.decode()

    assert "Cohort starting on day 69" in html and "Cohort starting on day 70" not in html
    assert "The 10 soonest of 12 upcoming cohorts." in html
    assert f'href="{reverse("programmes:cohorts", args=[programme.slug])}">See all 12 upcoming cohorts' in html
    assert len(course_data(html)["hasCourseInstance"]) == 10


def test_a_programme_with_ten_cohorts_or_fewer_lists_them_all_with_no_link(client):
    programme = ProgrammeFactory()
    CohortFactory.create_batch(10, programme=programme)

    html = client.get(programme.get_absolute_url()).content.decode()

    assert "See all" not in html and "soonest of" not in html
    assert len(course_data(html)["hasCourseInstance"]) == 10


def test_the_cohorts_page_lists_every_upcoming_cohort_soonest_first_a_page_at_a_time(client):
    programme = ProgrammeFactory(title="Ward leadership")
    for day in range(25):
        CohortFactory(programme=programme, name=f"Cohort starting on day {60 + day}", starts_in_days=60 + day)
    CohortFactory(programme=programme, name="Last year's cohort", starts_in_days=-200, closed=True)
    url = reverse("programmes:cohorts", args=[programme.slug])

    first, second = client.get(url).content.decode(), client.get(url, {"page": 2}).content.decode()

    assert "25 upcoming cohorts, soonest first" in first
    assert "Cohort starting on day 60" in first and "Cohort starting on day 79" in first
    assert "Cohort starting on day 80" not in first
    assert "Cohort starting on day 80" in second and "Cohort starting on day 84" in second
    assert "Last year" not in first + second
    assert f'href="{programme.get_absolute_url()}"' in first


def test_the_cohorts_page_makes_as_many_queries_for_40_cohorts_as_for_5(client):
    programme = ProgrammeFactory()
    url = reverse("programmes:cohorts", args=[programme.slug])
    CohortFactory.create_batch(5, programme=programme)
    with CaptureQueriesContext(connection) as few:
        client.get(url)

    CohortFactory.create_batch(35, programme=programme)
    with CaptureQueriesContext(connection) as many:
        client.get(url)

    assert len(few) == len(many)


def test_a_cohorts_page_number_that_is_not_a_number_shows_the_first_page_and_says_so(client):
    programme = ProgrammeFactory()
    CohortFactory(programme=programme, name="Spring cohort")

    response = client.get(reverse("programmes:cohorts", args=[programme.slug]), {"page": "two"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error: Upcoming cohorts" in html
    assert "not a number" in html and "Spring cohort" in html


def test_the_cohorts_page_of_a_programme_that_does_not_exist_is_404(client):
    assert client.get(reverse("programmes:cohorts", args=["no-such-programme"])).status_code == 404
