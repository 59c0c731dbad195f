"""A member of staff finds programmes in Chromium: by filters, by a misspelt search and through the finder, with
axe-core checking the catalogue, the finder and a programme page."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from portal.models import Profession
from programmes.models import Programme
from tests.academies.factories import AcademyFactory
from tests.conftest import assert_no_axe_violations, log_in
from tests.enrolment.factories import CohortFactory
from tests.portal.factories import StaffProfileFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def nurse(db):
    """A band 5 nurse on the real catalogue, with a cohort of Mary Seacole to find."""
    call_command("load_catalogue", verbosity=0)
    seacole = Programme.objects.get(slug="mary-seacole-programme")
    CohortFactory(programme=seacole, academy=AcademyFactory(local_partner=True), name="Spring cohort")
    return StaffProfileFactory(profession=Profession.objects.get(slug="nurse"), grade="band_5").user


def result_titles(page) -> list[str]:
    return page.locator("main .nhsuk-card__link").all_inner_texts()


def test_a_nurse_finds_mary_seacole_by_filters_and_by_a_misspelt_search(live_server, browser_page, nurse):
    page = browser_page
    log_in(page, live_server.url, nurse.email)

    page.goto(live_server.url + "/programmes/")
    assert_no_axe_violations(page)
    page.get_by_label(re.compile(r"^Blended")).check()  # the sources say Mary Seacole's stage, not who it is for
    page.get_by_role("button", name="Apply filters").first.click()
    assert result_titles(page) == ["Mary Seacole programme"]
    expect(page.get_by_role("link", name=re.compile(r"Remove filter\s+Format: Blended"))).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Clear all filters").click()
    page.get_by_label("Search by name, topic or academy").fill("mary secole")
    page.get_by_role("button", name="Search", exact=True).click()
    assert result_titles(page)[0] == "Mary Seacole programme"

    page.get_by_role("link", name="Mary Seacole programme").click()
    assert page.locator("h1").inner_text().startswith("Mary Seacole programme")
    expect(page.get_by_role("heading", name="Spring cohort")).to_be_visible()
    assert_no_axe_violations(page)


def test_a_nurse_new_to_leading_finds_edward_jenner_through_the_finder(live_server, browser_page, nurse):
    page = browser_page
    log_in(page, live_server.url, nurse.email)

    page.goto(live_server.url + "/programmes/")
    page.get_by_role("link", name="Answer a few questions to find a programme for you").click()
    assert_no_axe_violations(page)
    page.get_by_label("Take on my first leadership role").check()
    page.get_by_role("button", name="Show programmes for me").click()

    assert result_titles(page)[0] == "Edward Jenner programme"
    expect(page.get_by_text("free and open to all staff, self-paced").first).to_be_visible()
    expect(page.get_by_role("heading", name="Your answers")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Change your answer to: What do you want to do next?").click()
    assert page.get_by_label("Take on my first leadership role").is_checked()
    page.get_by_role("button", name="Show programmes for me").click()
    page.get_by_role("link", name="Edward Jenner programme").click()
    assert page.locator("h1").inner_text().startswith("Edward Jenner programme")
