"""The "Places kept for some applicants" page of the application, on a 320-pixel phone: it fits, axe finds nothing,
and ticking the programme's rule saves the declaration."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from enrolment.models import RingFenceDeclaration, Status
from enrolment.services.ring_fence import ring_fence_set
from tests.academies.factories import AcademyAdminFactory, AcademyFactory
from tests.conftest import assert_no_axe_violations, log_in
from tests.enrolment.factories import ApplicationFactory, CohortFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

RULE = "Staff from a Black, Asian or minority ethnic background (Demo rule)"


def test_the_places_kept_page_at_320_pixels(live_server, new_browser_page):
    cohort = CohortFactory(capacity=3, academy=AcademyFactory(local_partner=True))
    admin = AcademyAdminFactory(academy=cohort.academy).user
    kept = ring_fence_set(
        admin=admin, cohort_id=cohort.pk, places=1, rule=RULE, source="https://www.example.nhs.test/rules"
    )
    application = ApplicationFactory(cohort=cohort, status=Status.DRAFT)
    page = new_browser_page()
    page.set_viewport_size({"width": 320, "height": 800})
    log_in(page, live_server.url, application.applicant.email)

    page.goto(live_server.url + reverse("enrolment:application_page", args=[application.pk, "places-kept"]))

    expect(page.get_by_role("heading", name="Places kept for some applicants")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert_no_axe_violations(page)
    page.get_by_label(RULE).check()
    page.get_by_role("button", name="Save and continue").click()
    page.wait_for_load_state()
    assert list(RingFenceDeclaration.objects.values_list("application", "allocation")) == [(application.pk, kept.pk)]
