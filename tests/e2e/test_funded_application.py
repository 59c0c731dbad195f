"""A funded application walked in the browser: an applicant applies to an employer-funded cohort with a fee, naming
their budget holder, and asks for a bursary (on a phone-width screen); the academy cannot offer the place before the
budget holder confirms; the budget holder opens the e-mailed link and confirms; the academy awards the bursary and
offers the place. Axe on each page; the applicant's pages do not scroll sideways at 320 pixels."""

import re
from decimal import Decimal
from urllib.parse import urlparse

import pytest
from django.core import mail
from playwright.sync_api import expect

from enrolment.bursaries import BursaryKind, BursaryState
from enrolment.funding import BudgetHolderAnswer, FundingKind
from enrolment.models import Application, Status
from tests.academies.factories import AcademyAdminFactory, AcademyFactory
from tests.conftest import assert_no_axe_violations, log_in
from tests.enrolment.factories import CohortFactory
from tests.portal.factories import UserFactory
from tests.programmes.factories import ProgrammeFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("tasks_run_in_process")]
HOLDER_EMAIL = "bea.holder@example.nhs.test"


def check_phone_page(page):
    assert_no_axe_violations(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320, page.url


def test_a_funded_application_through_the_budget_holders_link(live_server, new_browser_page):
    academy = AcademyFactory(local_partner=True)
    programme = ProgrammeFactory(
        title="Funded leadership programme", delivering_academies=[academy], line_manager_support_required=False
    )
    cohort = CohortFactory(
        programme=programme,
        academy=academy,
        name="Funded cohort",
        capacity=10,
        line_manager_support_required=False,
        funding_kind=FundingKind.EMPLOYER,
        fee=Decimal("1200"),
        bursaries_available=1,
        bursary_kind=BursaryKind.AMOUNT,
        bursary_amount=Decimal("300"),
    )
    applicant = UserFactory(full_name="Amara Osei", with_profile=True)
    admin = AcademyAdminFactory(academy=academy).user
    url = live_server.url

    staff = new_browser_page()
    staff.set_viewport_size({"width": 320, "height": 800})
    log_in(staff, url, applicant.email)
    staff.goto(url + f"/programmes/{programme.slug}/apply/")
    check_phone_page(staff)
    staff.get_by_role("button", name="Start now").click()
    staff.get_by_label(re.compile("Funded cohort")).check()
    expect(staff.get_by_text("The fee is £1,200.00")).to_be_visible()
    check_phone_page(staff)
    staff.get_by_role("button", name="Save and continue").click()
    check_phone_page(staff)
    staff.get_by_role("button", name="Save and continue").click()  # the job, from the profile
    expect(staff.get_by_role("heading", name="Who pays for your place")).to_be_visible()
    staff.get_by_label("Your budget holder's name").fill("Bea Holder")
    staff.get_by_label("Your budget holder's e-mail address").fill(HOLDER_EMAIL)
    check_phone_page(staff)
    staff.get_by_role("button", name="Save and continue").click()
    staff.get_by_label("Supporting statement").fill("I lead a community team and want to lead it through change.")
    check_phone_page(staff)
    staff.get_by_role("button", name="Save and continue").click()
    check_phone_page(staff)
    staff.get_by_role("button", name="Submit application").click()
    expect(staff.get_by_role("heading", name="Application submitted")).to_be_visible()
    check_phone_page(staff)

    application = Application.objects.get(applicant=applicant)
    staff.goto(url + f"/my/applications/{application.pk}/")
    check_phone_page(staff)
    staff.get_by_role("link", name="Ask for a bursary").click()
    check_phone_page(staff)
    staff.get_by_role("button", name="Ask for a bursary").click()  # nothing written
    expect(staff.get_by_role("link", name="Write why you are asking for a bursary")).to_be_visible()
    check_phone_page(staff)
    staff.get_by_label("Why are you asking for a bursary?").fill("My trust pays the fee but not the travel.")
    staff.get_by_role("button", name="Ask for a bursary").click()
    expect(staff.get_by_text("You have asked for a bursary.").first).to_be_visible()
    check_phone_page(staff)

    academy_page = new_browser_page()
    log_in(academy_page, url, admin.email)
    academy_page.goto(url + f"/academy/applications/{application.pk}/")
    expect(academy_page.get_by_text("My trust pays the fee but not the travel.")).to_be_visible()
    assert_no_axe_violations(academy_page)
    academy_page.get_by_label("Offer a place").check()
    academy_page.get_by_role("button", name="Record the decision").click()
    expect(academy_page.get_by_text("once the budget holder confirms the funding").first).to_be_visible()
    assert Application.objects.get(pk=application.pk).status == Status.UNDER_REVIEW

    request = next(message for message in mail.outbox if message.to == [HOLDER_EMAIL])
    link = re.search(r"https?://\S+/budget-holder/\S+/", request.body).group(0)
    holder = new_browser_page()
    holder.goto(url + urlparse(link).path)
    expect(holder.get_by_role("heading", name="Fund Amara Osei's place on Funded leadership programme")).to_be_visible()
    assert_no_axe_violations(holder)
    holder.get_by_label("Yes, I confirm the funding").check()
    holder.get_by_role("button", name="Send your answer").click()
    expect(holder.get_by_role("heading", name="Thank you")).to_be_visible()
    assert_no_axe_violations(holder)
    holder.goto(url + urlparse(link).path)
    assert holder.get_by_role("heading", name="Thank you").count() == 0, "the link works once"
    assert_no_axe_violations(holder)

    academy_page.goto(url + f"/academy/applications/{application.pk}/")
    academy_page.get_by_label("Award the bursary").check()
    academy_page.get_by_role("button", name="Record the bursary decision").click()
    expect(academy_page.get_by_text("Bursary decision recorded")).to_be_visible()
    assert_no_axe_violations(academy_page)
    academy_page.get_by_label("Offer a place").check()
    academy_page.get_by_role("button", name="Record the decision").click()
    expect(academy_page.get_by_text("Decision recorded")).to_be_visible()
    assert_no_axe_violations(academy_page)

    application.refresh_from_db()
    assert (application.cohort, application.status) == (cohort, Status.OFFERED)
    assert application.budget_holder_answer == BudgetHolderAnswer.CONFIRMED
    assert (application.bursary_state, application.bursary_awarded) == (BursaryState.AWARDED, Decimal("300"))
    staff.goto(url + f"/my/applications/{application.pk}/")
    expect(staff.get_by_text("You have been awarded a bursary of £300.00.")).to_be_visible()
    expect(staff.get_by_text("Accept or decline your place").first).to_be_visible()
    check_phone_page(staff)
