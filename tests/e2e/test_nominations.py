"""A nomination walked in the browser: the academy allocates places to an ICS, its ICS lead nominates a member of
staff (on a phone-width screen), the nominee takes the nomination up, and the academy, seeing who nominated them,
offers the place, charged to the allocation; axe on each page."""

from dataclasses import replace

import pytest
from playwright.sync_api import expect

from enrolment.models import Nomination, Status
from enrolment.services.applications import ApplicationDetails, application_submit
from tests.academies.factories import AcademyAdminFactory, AcademyFactory
from tests.conftest import assert_no_axe_violations, log_in
from tests.enrolment.factories import CohortFactory
from tests.portal.factories import IcsLeadFactory, OrganisationFactory, StaffProfileFactory, UserFactory
from tests.programmes.factories import ProgrammeFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_nomination_from_the_nominator_to_the_nominees_offer(live_server, new_browser_page):
    academy = AcademyFactory(local_partner=True)
    programme = ProgrammeFactory(delivering_academies=[academy], line_manager_support_required=False)
    cohort = CohortFactory(programme=programme, academy=academy, capacity=10)
    admin = AcademyAdminFactory(academy=academy).user
    lead = IcsLeadFactory(user=UserFactory(full_name="Priya Shah")).user
    ics = lead.ics_leaderships.get().ics
    nominee = StaffProfileFactory(
        user=UserFactory(full_name="Tom Reed"), organisation=OrganisationFactory(ics=ics)
    ).user
    url = live_server.url

    academy_page = new_browser_page()
    log_in(academy_page, url, admin.email)
    academy_page.goto(url + f"/academy/cohorts/{cohort.pk}/allocations/")
    academy_page.get_by_label("ICS", exact=True).select_option(label=ics.name)
    academy_page.locator("#id_places").fill("11")
    academy_page.get_by_role("button", name="Save allocation").click()
    expect(academy_page.get_by_text("Only 10 more places can be allocated").first).to_be_visible()
    assert_no_axe_violations(academy_page)
    academy_page.locator("#id_places").fill("3")
    academy_page.get_by_role("button", name="Save allocation").click()
    expect(academy_page.get_by_text("3 allocated, 7 in the open pool")).to_be_visible()
    assert_no_axe_violations(academy_page)

    lead_page = new_browser_page()
    lead_page.set_viewport_size({"width": 320, "height": 800})
    log_in(lead_page, url, lead.email)
    lead_page.goto(url + "/my/nominations/")
    assert_no_axe_violations(lead_page)
    lead_page.get_by_label("E-mail address of the person you nominate").fill(nominee.email)
    lead_page.get_by_role("button", name=f"Nominate for {cohort.name}").click()
    expect(lead_page.get_by_text(f"{nominee.email} is nominated")).to_be_visible()
    lead_page.get_by_label("E-mail address of the person you nominate").fill(nominee.email)
    lead_page.get_by_role("button", name=f"Nominate for {cohort.name}").click()
    expect(lead_page.get_by_text("There is a problem")).to_be_visible()
    expect(lead_page.get_by_role("link", name=f"{nominee.email} is already nominated")).to_be_visible()
    assert_no_axe_violations(lead_page)
    assert lead_page.evaluate("document.documentElement.scrollWidth") <= 320

    nomination = Nomination.objects.get()
    nominee_page = new_browser_page()
    log_in(nominee_page, url, nominee.email)
    nominee_page.goto(url + f"/nominations/{nomination.pk}/")
    expect(nominee_page.get_by_text("Priya Shah has nominated you")).to_be_visible()
    assert_no_axe_violations(nominee_page)
    nominee_page.get_by_role("button", name="Start your application").click()
    nomination.refresh_from_db()
    application = nomination.application
    assert application.cohort == cohort
    details = replace(ApplicationDetails.of(application), supporting_statement="I lead a community team.")
    application_submit(application_id=application.pk, applicant=nominee, details=details)

    academy_page.goto(url + f"/academy/applications/{application.pk}/")
    expect(
        academy_page.get_by_text(f"By Priya Shah ({lead.email}), for a place allocated to {ics.name}")
    ).to_be_visible()
    assert_no_axe_violations(academy_page)
    academy_page.get_by_label("Offer a place").check()
    academy_page.get_by_role("button", name="Record the decision").click()
    expect(academy_page.get_by_text("Decision recorded")).to_be_visible()

    application.refresh_from_db()
    assert (application.status, application.place_allocation) == (Status.OFFERED, cohort.allocations.get())
    nominee_page.goto(url + f"/my/applications/{application.pk}/")
    expect(nominee_page.get_by_text("Accept or decline your place").first).to_be_visible()
    assert_no_axe_violations(nominee_page)
