import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from tests.conftest import assert_no_axe_violations
from tests.enrolment.factories import CohortFactory
from tests.programmes.factories import ProgrammeFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_home_page_and_a_programme_page_work_in_chromium_and_pass_axe(live_server, browser_page):
    call_command("load_catalogue", verbosity=0)
    page = browser_page

    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text() == "Leadership programmes for NHS and care staff"
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Find a programme").first.click()
    page.get_by_role("link", name="Mary Seacole programme").click()
    assert page.locator("h1").inner_text().startswith("Mary Seacole programme")
    assert "6 months" in page.content()
    assert_no_axe_violations(page)


def test_a_programme_with_many_cohorts_links_to_all_of_them_and_both_pages_pass_axe(live_server, browser_page):
    programme = ProgrammeFactory(title="Ward leadership")
    for day in range(25):
        CohortFactory(programme=programme, name=f"Cohort starting on day {60 + day}", starts_in_days=60 + day)
    page = browser_page

    page.goto(live_server.url + programme.get_absolute_url())
    assert_no_axe_violations(page)
    page.get_by_role("link", name="See all 25 upcoming cohorts of Ward leadership").click()

    assert page.locator("h1").inner_text() == "Upcoming cohorts"
    expect(page.get_by_role("heading", name="Cohort starting on day 79")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Next page").click()
    expect(page.get_by_role("heading", name="Cohort starting on day 84")).to_be_visible()
