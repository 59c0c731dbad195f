"""The learner's timetable in the browser: the offer, the confirmation and "My learning" show every session, the
subscribed calendar has them, and the line manager sees the time commitment; axe checks each page."""

import pytest
from icalendar import Calendar
from playwright.sync_api import expect

from enrolment.models import Status
from enrolment.services.manager_support import manager_link_token
from tests.conftest import assert_no_axe_violations, log_in
from tests.enrolment.factories import ApplicationFactory
from tests.enrolment.timetable_factories import add_sessions

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("tasks_run_in_process")]

WIDEST_IN_MAIN = "Math.max(...[...document.querySelectorAll('main *')].map(e => e.getBoundingClientRect().right))"


def test_offer_to_accepted_place_to_timetable_and_subscribed_calendar(live_server, browser_page):
    offered = ApplicationFactory(offered=True)
    sessions = add_sessions(offered.cohort, 3, online_from=3)
    page, url = browser_page, live_server.url
    log_in(page, url, offered.applicant.email)

    page.goto(f"{url}/my/applications/{offered.pk}/")
    expect(page.get_by_role("heading", name="The timetable you are offered")).to_be_visible()
    expect(page.get_by_role("cell", name=sessions[0].when_text)).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Accept the place").click()

    expect(page.get_by_role("heading", name="Place accepted")).to_be_visible()
    expect(page.get_by_role("heading", name="Your timetable")).to_be_visible()
    for session in sessions:
        expect(page.get_by_role("cell", name=session.when_text)).to_be_visible()
    expect(page.get_by_role("link", name="Online: joining link for Workshop 3")).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Add your sessions to your calendar").click()
    expect(page.get_by_role("cell", name=sessions[1].when_text)).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Get my calendar address").click()
    address = page.get_by_label("Your calendar address").input_value()
    assert_no_axe_violations(page)

    page.set_viewport_size({"width": 320, "height": 640})  # the timetable and the address fit a phone's width
    assert page.evaluate(WIDEST_IN_MAIN) <= 320

    subscribed = page.context.browser.new_context().request.get(address)  # a calendar app: no cookies
    assert subscribed.status == 200
    events = Calendar.from_ical(subscribed.body()).walk("VEVENT")
    assert sorted((event.decoded("dtstart"), str(event["summary"])) for event in events) == [
        (session.starts_at, f"{session.title}: {offered.programme.title}") for session in sessions
    ]


def test_the_line_manager_sees_the_time_commitment(live_server, browser_page):
    waiting = ApplicationFactory(status=Status.AWAITING_MANAGER, line_manager_email="manager@example.nhs.test")
    add_sessions(waiting.cohort, 4)

    browser_page.goto(f"{live_server.url}/line-manager/{manager_link_token(waiting)}/")

    expect(browser_page.get_by_role("heading", name="Time away from work")).to_be_visible()
    expect(browser_page.get_by_text("The cohort meets 4 times, 26 hours in all")).to_be_visible()
    assert_no_axe_violations(browser_page)
