"""An academy admin decides applications in the browser: only decidable ones are offered, overdue ones are
found, a refusal names the applicant once, and an unsuccessful applicant reads the reasons; axe on each page."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from enrolment.models import Status
from tests.academies.factories import AcademyAdminFactory, AcademyFactory
from tests.conftest import assert_no_axe_violations, log_in
from tests.enrolment.factories import ApplicationFactory, CohortFactory
from tests.portal.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_an_admin_decides_and_the_unsuccessful_applicant_reads_why(live_server, new_browser_page):
    cohort = CohortFactory(capacity=1, academy=AcademyFactory(local_partner=True), starts_in_days=60)
    admin = AcademyAdminFactory(academy=cohort.academy).user
    today = timezone.localdate()
    first = ApplicationFactory(  # submitted first, so decided first
        cohort=cohort,
        under_review=True,
        applicant=UserFactory(full_name="Amara Okafor"),
        decision_due_on=today - timedelta(days=2),
    )
    second = ApplicationFactory(
        cohort=cohort,
        under_review=True,
        applicant=UserFactory(full_name="Ben Hughes"),
        decision_due_on=today + timedelta(days=5),
    )
    ApplicationFactory(cohort=cohort, status=Status.AWAITING_MANAGER, applicant=UserFactory(full_name="Cleo Marsh"))
    url = live_server.url

    page = new_browser_page()
    log_in(page, url, admin.email)
    page.goto(url + "/academy/applications/")
    assert_no_axe_violations(page)
    assert page.get_by_label("Amara Okafor", exact=False).count() == 1
    assert page.get_by_label("Cleo Marsh", exact=False).count() == 0

    page.get_by_role("link", name="overdue only").click()
    expect(page.get_by_role("link", name="Amara Okafor")).to_be_visible()
    assert page.get_by_role("link", name="Ben Hughes").count() == 0
    assert_no_axe_violations(page)
    page.get_by_role("link", name="all").click()

    page.get_by_label("Amara Okafor", exact=False).check()
    page.get_by_label("Ben Hughes", exact=False).check()
    page.get_by_label("Offer a place").check()
    page.get_by_role("button", name="Record the decision").click()
    refusals = page.get_by_text(f"{cohort.name} is full")
    assert refusals.count() == 1
    assert "Ben Hughes" in refusals.inner_text()
    assert page.get_by_text(f"{first.applicant.full_name}: ").count() == 0
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Ben Hughes").click()
    page.get_by_label("Unsuccessful").check()
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("Choose at least one reason the application is unsuccessful").first).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_label("No place left: the cohort is full").check()
    page.get_by_label("Anything else the applicant should know").fill("Apply to the spring cohort.")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_text("Decision recorded")).to_be_visible()

    applicant_page = new_browser_page()
    log_in(applicant_page, url, second.applicant.email)
    applicant_page.goto(url + f"/my/applications/{second.pk}/")
    expect(applicant_page.get_by_text("There is no place left: the cohort is full.").first).to_be_visible()
    expect(applicant_page.get_by_text("Apply to the spring cohort.").first).to_be_visible()
    assert_no_axe_violations(applicant_page)
