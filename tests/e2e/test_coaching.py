"""The coaching and mentoring register in Chromium: a staff member finds a coach and asks, the coach accepts,
and an academy approves a new coach; axe-core checks each page on the way."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from coaching.models import CoachingRequest, CoachProfile
from portal.models import Region
from programmes.models import CareerStage, FrameworkElement
from tests.academies.factories import AcademyAdminFactory, AcademyFactory
from tests.coaching.factories import CoachProfileFactory, staff_member
from tests.conftest import assert_no_axe_violations, log_in
from tests.portal.factories import IntegratedCareSystemFactory, OrganisationFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("tasks_run_in_process")]


@pytest.fixture
def north_west():
    call_command("load_catalogue", verbosity=0)
    return Region.objects.get(slug="north-west")


def test_a_staff_member_finds_a_coach_and_asks_and_the_coach_accepts(live_server, new_browser_page, north_west):
    engaging = FrameworkElement.objects.get(framework__slug="healthcare-leadership-model", slug="engaging-the-team")
    coach = CoachProfileFactory(
        user__full_name="Cara Coach",
        user__email="cara.coach@example.nhs.test",
        region=north_west,
        dimensions=[engaging],
        career_stages=[CareerStage.objects.get(slug="mid-level-leader")],
        meets_online=True,
    )
    trust = OrganisationFactory(name="Riverside Hospitals", ics=IntegratedCareSystemFactory(region=north_west))
    mentee = staff_member(full_name="Mo Mentee", organisation=trust)
    url = live_server.url

    staff = new_browser_page()
    log_in(staff, url, mentee.email)
    staff.get_by_role("link", name="Coaching and mentoring").click()
    expect(staff.get_by_role("heading", name="Find a coach or mentor", level=1)).to_be_visible()
    assert_no_axe_violations(staff)
    staff.get_by_label("Engaging the team (1)").check()
    staff.get_by_role("button", name="Apply filters").click()
    expect(staff.get_by_role("heading", name="1 coach and mentor")).to_be_visible()

    staff.get_by_role("link", name="See coaches and mentors suggested for you").click()
    expect(staff.get_by_text("Based in your region, North West")).to_be_visible()
    assert_no_axe_violations(staff)
    staff.get_by_role("link", name="Cara Coach").click()
    assert_no_axe_violations(staff)
    assert "cara.coach@example.nhs.test" not in staff.content()
    staff.get_by_label("Mentoring").check()
    staff.get_by_label("Your message").fill("I lead a new ward team and would like a mentor for the year.")
    staff.get_by_role("button", name="Send request").click()
    expect(staff.get_by_text("Your request is sent to Cara Coach.")).to_be_visible()
    expect(staff.get_by_text("Shared once Cara Coach accepts")).to_be_visible()
    assert_no_axe_violations(staff)

    coach_page = new_browser_page()
    log_in(coach_page, url, coach.user.email)
    coach_page.goto(url + "/coaching/mine/")
    assert_no_axe_violations(coach_page)
    coach_page.get_by_role("link", name="Mo Mentee").click()
    assert_no_axe_violations(coach_page)
    coach_page.get_by_role("button", name="Accept request").click()
    expect(coach_page.get_by_text("You have accepted the request")).to_be_visible()
    expect(coach_page.get_by_role("link", name=mentee.email)).to_be_visible()
    assert_no_axe_violations(coach_page)

    staff.reload()
    expect(staff.get_by_role("link", name="cara.coach@example.nhs.test")).to_be_visible()
    assert CoachingRequest.objects.get().status == "accepted"


def test_a_coach_offers_their_time_and_their_academy_approves_them(live_server, new_browser_page, north_west):
    academy = AcademyFactory(local_partner=True, name="North West Leadership Academy", region=north_west)
    admin = AcademyAdminFactory(academy=academy).user
    coach_user = staff_member(full_name="Nia Newcoach")
    url = live_server.url

    coach_page = new_browser_page()
    log_in(coach_page, url, coach_user.email)
    coach_page.goto(url + "/coaching/profile/")
    assert_no_axe_violations(coach_page)
    coach_page.get_by_role("button", name="Save profile").click()
    expect(coach_page.get_by_text("There is a problem")).to_be_visible()
    assert_no_axe_violations(coach_page)
    coach_page.get_by_label("Academy that approves your profile").select_option(label=academy.name)
    coach_page.get_by_label("Coaching", exact=True).check()
    coach_page.get_by_label("Your coaching or mentoring qualification").fill("Level 7 certificate in coaching")
    coach_page.get_by_label("Leading with care").check()
    coach_page.get_by_label("Nurse").check()
    coach_page.get_by_label("Senior leader").check()
    coach_page.get_by_label("Your region").select_option(label="North West")
    coach_page.get_by_label("Online").check()
    coach_page.get_by_label("How many people will you take on at once?").fill("2")
    coach_page.get_by_role("button", name="Save profile").click()
    expect(coach_page.get_by_text("Status: awaiting approval")).to_be_visible()

    academy_page = new_browser_page()
    log_in(academy_page, url, admin.email)
    academy_page.goto(url + "/coaching/academy/")
    assert_no_axe_violations(academy_page)
    academy_page.get_by_role("link", name="Nia Newcoach").click()
    assert_no_axe_violations(academy_page)
    academy_page.get_by_role("button", name="Approve", exact=True).click()
    expect(academy_page.get_by_text("Nia Newcoach's profile is approved.")).to_be_visible()
    assert CoachProfile.objects.get(user=coach_user).status == "approved"
