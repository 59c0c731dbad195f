"""An ICS lead follows the link from their dashboard to the progression funnel in Chromium, filters it, and finds
no accessibility problem."""

import pytest
from playwright.sync_api import expect

from enrolment.models import Status
from reporting.services import reports_refresh
from tests.conftest import assert_no_axe_violations
from tests.e2e.test_application_journey import log_in
from tests.enrolment.factories import CohortFactory
from tests.portal.factories import IcsLeadFactory, IntegratedCareSystemFactory, OrganisationFactory
from tests.programmes.factories import CareerStageFactory, ProgrammeFactory
from tests.reporting.factories import application, months_ago, staff_member

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def system():
    """Twelve staff complete Mary Seacole; seven of them go on to Elizabeth Garrett Anderson."""
    ics = IntegratedCareSystemFactory(name="Riverside ICS")
    organisation = OrganisationFactory(name="Riverside Hospital", ics=ics)
    first = CareerStageFactory(slug="first-line", name="First-line leaders", position=1)
    senior = CareerStageFactory(slug="senior", name="Senior leaders", position=2)
    seacole = CohortFactory(programme=ProgrammeFactory(title="Mary Seacole", career_stages=[first]), capacity=50)
    ega = CohortFactory(programme=ProgrammeFactory(title="Elizabeth Garrett Anderson", career_stages=[senior]))
    for index in range(12):
        person = staff_member(organisation, ethnicity="white_british", sex="female", age_band="35_44")
        application(person, seacole, Status.COMPLETED, applied=months_ago(8))
        if index < 7:
            application(person, ega, Status.ACCEPTED, applied=months_ago(2))
    reports_refresh()
    return ics


def test_an_ics_lead_reads_the_funnel_with_no_accessibility_violations(live_server, browser_page, system):
    log_in(browser_page, live_server.url, IcsLeadFactory(ics=system).user.email)

    browser_page.get_by_role("link", name="ICS dashboard").click()
    browser_page.get_by_role("link", name="Progression funnel: who went on to a later career stage").click()
    expect(browser_page.get_by_role("heading", name="Riverside ICS: progression funnel", level=1)).to_be_visible()
    stages = browser_page.get_by_role("table", name="By career stage of the programme")
    expect(stages.get_by_role("row", name="First-line leaders")).to_contain_text("10")
    assert_no_axe_violations(browser_page)

    browser_page.get_by_label("Period (when people applied)").select_option("3")
    browser_page.get_by_role("button", name="Show figures").click()
    expect(browser_page.get_by_role("heading", name="Summary")).to_be_visible()
    assert "period=3" in browser_page.url
    assert_no_axe_violations(browser_page)
