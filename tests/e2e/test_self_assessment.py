"""The self-assessment in Chromium on a 320-pixel phone: a person rates themselves on the Healthcare Leadership
Model's nine dimensions, is refused a half-answered form, and reaches a programme recommended for the dimension they
rated lowest, with the reason; axe-core checks each page, and no page scrolls sideways."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from selfassessment.models import SelfAssessment, model_dimensions
from selfassessment.services import cohort_changes_publish
from tests.academies.factories import AcademyAdminFactory
from tests.conftest import assert_no_axe_violations, log_in
from tests.enrolment.factories import CohortFactory
from tests.portal.factories import UserFactory
from tests.selfassessment.factories import participant_who_took_both, window_closed_cohort

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = 320


def checked_on_a_phone(page) -> None:
    assert_no_axe_violations(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE, page.url


def test_a_person_walks_the_self_assessment_to_a_recommendation(live_server, new_browser_page):
    call_command("load_catalogue", verbosity=0)
    person = UserFactory()
    page = new_browser_page()
    page.set_viewport_size({"width": PHONE, "height": 800})
    log_in(page, live_server.url, person.email)

    page.goto(live_server.url + "/my/self-assessment/")
    checked_on_a_phone(page)
    page.get_by_role("link", name="Start your self-assessment").click()
    checked_on_a_phone(page)
    page.get_by_role("button", name="Save my self-assessment").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    expect(page.get_by_text("Select how you rate yourself on Engaging the team").first).to_be_visible()
    checked_on_a_phone(page)
    for dimension in model_dimensions():
        rating = "1 – Not yet" if dimension.name == "Engaging the team" else "3 – Strong"
        page.get_by_role("group", name=dimension.name).get_by_label(rating).check()
    page.get_by_role("button", name="Save my self-assessment").click()

    expect(page.get_by_text("Your self-assessment is saved.")).to_be_visible()
    expect(page.get_by_text("develops Engaging the team, which you rated 1 (Not yet)").first).to_be_visible()
    checked_on_a_phone(page)
    page.get_by_role("link", name="LeAD e-learning").click()
    expect(page.get_by_role("heading", name="LeAD e-learning", level=1)).to_be_visible()
    assert SelfAssessment.objects.filter(person=person).count() == 1


def test_the_academys_aggregate_page_passes_axe(live_server, new_browser_page):
    call_command("load_catalogue", verbosity=0)
    academy_admin = AcademyAdminFactory()
    dimensions = list(model_dimensions())
    published = window_closed_cohort(academy=academy_admin.academy)
    for _ in range(5):
        participant_who_took_both(published, dimensions, 1, 3)
    cohort_changes_publish()
    CohortFactory(academy=academy_admin.academy, closed=True, starts_in_days=-10, opens_in_days=-90)
    page = new_browser_page()
    log_in(page, live_server.url, academy_admin.user.email)

    page.goto(live_server.url + "/academy/self-assessment/")

    expect(page.get_by_role("heading", name="Self-assessment change in your cohorts")).to_be_visible()
    expect(page.get_by_role("cell", name="+2.0").first).to_be_visible()
    expect(page.get_by_text("Published from")).to_be_visible()
    assert_no_axe_violations(page)
