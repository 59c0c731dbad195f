"""One applicant from a search to an accepted place, a page at a time through the application to "Check your
answers", with the manager's support and the academy's decision; and the pages that ask before declining and
withdrawing. Each page is checked by axe-core."""

import re
from urllib.parse import urlparse

import pytest
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect

from enrolment.models import Application, Status
from programmes.models import Programme
from tests.academies.factories import AcademyAdminFactory, AcademyFactory
from tests.conftest import assert_no_axe_violations, log_in
from tests.enrolment.factories import ApplicationFactory, CohortFactory
from tests.portal.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("tasks_run_in_process")]


def test_an_applicant_goes_from_search_to_an_accepted_place(live_server, new_browser_page):
    call_command("load_catalogue", verbosity=0)
    seacole = Programme.objects.get(slug="mary-seacole-programme")
    academy = AcademyFactory(local_partner=True, name="Riverside Leadership Academy (demo)")
    seacole.delivering_academies.add(academy)
    cohort = CohortFactory(
        programme=seacole, academy=academy, name="Spring cohort", capacity=10, line_manager_support_required=True
    )
    applicant = UserFactory(full_name="Amara Osei", with_profile=True)
    admin = AcademyAdminFactory(academy=academy).user
    url = live_server.url

    staff = new_browser_page()
    log_in(staff, url, applicant.email)
    staff.goto(url + "/programmes/")
    staff.get_by_label("Search by name, topic or academy").fill("seacole")
    staff.get_by_role("button", name="Search", exact=True).click()
    assert_no_axe_violations(staff)
    staff.get_by_role("link", name="Mary Seacole programme").first.click()
    assert_no_axe_violations(staff)
    staff.get_by_role("link", name="Apply", exact=True).click()
    expect(staff.get_by_role("heading", name="Apply to Mary Seacole programme")).to_be_visible()
    assert_no_axe_violations(staff)
    assert not Application.objects.exists(), "the Apply page creates nothing"
    staff.get_by_role("button", name="Start now").click()

    staff.get_by_role("button", name="Save and continue").click()  # nothing chosen
    expect(staff.get_by_role("link", name="Select a cohort")).to_be_visible()
    assert_no_axe_violations(staff)
    staff.get_by_label(re.compile("Spring cohort")).check()
    staff.get_by_role("button", name="Save and continue").click()
    expect(staff.get_by_role("heading", name="Your job")).to_be_visible()
    assert_no_axe_violations(staff)
    staff.get_by_role("button", name="Save and continue").click()
    staff.get_by_label("Your line manager's e-mail address").fill("ward.manager@example.nhs.test")
    assert_no_axe_violations(staff)
    staff.get_by_role("button", name="Save and continue").click()
    staff.get_by_label("Supporting statement").fill("I lead a ward team and want to grow as a leader.")
    assert_no_axe_violations(staff)
    staff.get_by_role("link", name="Back", exact=True).click()
    assert staff.get_by_label("Your line manager's e-mail address").input_value() == "ward.manager@example.nhs.test"
    staff.get_by_role("button", name="Save and continue").click()
    staff.get_by_label("Supporting statement").fill("I lead a ward team and want to grow as a first-level leader.")
    staff.get_by_role("button", name="Save and continue").click()

    expect(staff.get_by_role("heading", name="Check your answers before submitting your application")).to_be_visible()
    assert_no_axe_violations(staff)
    staff.get_by_role("link", name="Change supporting statement").click()
    staff.get_by_label("Supporting statement").fill("I lead a ward team and want to lead it through change.")
    staff.get_by_role("button", name="Save and return to your answers").click()
    expect(staff.get_by_text("lead it through change")).to_be_visible()
    staff.get_by_role("button", name="Submit application").click()
    expect(staff.get_by_role("heading", name="Application submitted")).to_be_visible()
    expect(staff.get_by_role("heading", name="What happens next")).to_be_visible()
    assert_no_axe_violations(staff)

    manager_email = next(message for message in mail.outbox if message.to == ["ward.manager@example.nhs.test"])
    link = re.search(r"https?://\S+/line-manager/\S+/", manager_email.body).group(0)
    manager = new_browser_page()
    manager.goto(url + urlparse(link).path)
    assert_no_axe_violations(manager)
    manager.get_by_label("Yes, I support it").check()
    manager.get_by_label("Comment").fill("Amara is ready for this.")
    manager.get_by_role("button", name="Send your answer").click()
    expect(manager.get_by_role("heading", name="Thank you")).to_be_visible()

    academy_page = new_browser_page()
    log_in(academy_page, url, admin.email)
    academy_page.goto(url + "/academy/applications/")
    assert_no_axe_violations(academy_page)
    academy_page.get_by_role("link", name="Amara Osei").click()
    assert_no_axe_violations(academy_page)
    academy_page.get_by_label("Offer a place").check()
    academy_page.get_by_role("button", name="Record the decision").click()
    expect(academy_page.get_by_text("Decision recorded")).to_be_visible()

    staff.goto(url + "/my/applications/")
    assert_no_axe_violations(staff)
    staff.get_by_role("link", name="Mary Seacole programme").click()
    assert_no_axe_violations(staff)
    staff.get_by_role("button", name="Accept the place").click()
    expect(staff.get_by_role("heading", name="Place accepted")).to_be_visible()
    assert_no_axe_violations(staff)

    application = Application.objects.get(applicant=applicant)
    assert (application.status, application.cohort) == (Status.ACCEPTED, cohort)
    assert [event.to_status for event in application.events.all()] == [
        Status.AWAITING_MANAGER,
        Status.UNDER_REVIEW,
        Status.OFFERED,
        Status.ACCEPTED,
    ]


def test_an_applicant_is_asked_before_declining_an_offer_and_withdrawing(live_server, new_browser_page):
    cohort = CohortFactory(name="Autumn cohort")
    offered = ApplicationFactory(cohort=cohort, offered=True)
    withdrawing = ApplicationFactory(applicant=offered.applicant, under_review=True)
    url = live_server.url
    staff = new_browser_page()
    log_in(staff, url, offered.applicant.email)

    staff.goto(url + f"/my/applications/{offered.pk}/")
    staff.get_by_role("link", name="decline the offer").click()
    expect(staff.get_by_role("heading", name="Are you sure you want to decline the offer?")).to_be_visible()
    assert_no_axe_violations(staff)
    staff.get_by_role("button", name="Decline the offer").click()
    expect(staff.get_by_role("heading", name="Offer declined")).to_be_visible()
    assert_no_axe_violations(staff)

    staff.goto(url + f"/my/applications/{withdrawing.pk}/")
    staff.get_by_role("link", name="withdraw your application").click()
    assert_no_axe_violations(staff)
    staff.get_by_role("button", name="Withdraw application").click()
    expect(staff.get_by_role("heading", name="Application withdrawn")).to_be_visible()
    assert_no_axe_violations(staff)
    assert {a.status for a in Application.objects.all()} == {Status.DECLINED, Status.WITHDRAWN}
