"""An ICS lead opens their dashboard in Chromium, filters it and finds no accessibility problem; so do a national
admin on the national view and a member of staff on the equality questions."""

import pytest
from playwright.sync_api import expect

from enrolment.models import Status
from reporting.services import reports_refresh
from tests.conftest import assert_no_axe_violations
from tests.e2e.test_application_journey import log_in
from tests.enrolment.factories import CohortFactory
from tests.portal.factories import IcsLeadFactory, IntegratedCareSystemFactory, OrganisationFactory, UserFactory
from tests.programmes.factories import FundedSchemeFactory, ProgrammeFactory, SchemeAllocationFactory
from tests.reporting.factories import application, months_ago, staff_member

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def system():
    ics = IntegratedCareSystemFactory(name="Riverside ICS")
    organisation = OrganisationFactory(name="Riverside Hospital", ics=ics)
    programme = ProgrammeFactory(title="Mary Seacole programme")
    cohort = CohortFactory(programme=programme, capacity=100)
    outcomes = [Status.ACCEPTED, Status.COMPLETED, Status.OFFERED, Status.UNSUCCESSFUL, Status.UNDER_REVIEW]
    for index in range(20):
        ethnicity = "white_british" if index % 3 else "black_african"
        person = staff_member(organisation, ethnicity=ethnicity, sex="female", disability="no", age_band="35_44")
        application(person, cohort, outcomes[index % 5], applied=months_ago(1 + index % 4))
    SchemeAllocationFactory(
        scheme=FundedSchemeFactory(name="Riverside 50", programmes=[programme]),
        area_name="Riverside",
        region=None,
        ics=ics,
        target_leaders=50,
    )
    reports_refresh()
    return ics


def test_an_ics_lead_reads_and_filters_the_dashboard_with_no_accessibility_violations(
    live_server, browser_page, system
):
    lead = IcsLeadFactory(ics=system).user
    log_in(browser_page, live_server.url, lead.email)

    browser_page.get_by_role("link", name="ICS dashboard").click()
    expect(browser_page.get_by_role("heading", name="Riverside ICS: leadership programme take-up")).to_be_visible()
    expect(
        browser_page.get_by_role("img", name="Bar chart of applications and enrolments, by programme")
    ).to_be_visible()
    assert_no_axe_violations(browser_page)

    browser_page.get_by_label("Period (when people applied)").select_option("3")
    browser_page.get_by_role("button", name="Show figures").click()
    assert "period=3" in browser_page.url
    assert_no_axe_violations(browser_page)

    browser_page.goto(browser_page.url.split("?")[0] + "?programme=nonsense")
    expect(browser_page.get_by_text("Choose a programme from the list").first).to_be_visible()
    assert_no_axe_violations(browser_page)


def test_a_national_admin_and_a_member_of_staff_meet_no_accessibility_violations(live_server, new_browser_page, system):
    admin = new_browser_page()
    log_in(admin, live_server.url, UserFactory(national_admin=True).email)
    admin.get_by_role("link", name="National view").click()
    expect(admin.get_by_role("link", name="Riverside ICS")).to_be_visible()
    assert_no_axe_violations(admin)

    staff = new_browser_page()
    log_in(staff, live_server.url, UserFactory(with_profile=True).email)
    staff.goto(live_server.url + "/profile/equality/")
    staff.get_by_label("What is your ethnic group?").select_option("asian_indian")
    staff.get_by_label("Prefer not to say").first.check()
    staff.get_by_role("button", name="Save answers").click()
    expect(staff.get_by_text("Your answers are saved")).to_be_visible()
    assert_no_axe_violations(staff)
