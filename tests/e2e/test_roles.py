"""A national admin grants an ICS lead role on the portal's page; an invitee accepts an academy invitation. Both
pages pass axe."""

import pytest
from playwright.sync_api import expect

from academies.services import academy_invitation_send, academy_invitation_token
from portal.models import IcsLead
from tests.academies.factories import AcademyAdminFactory
from tests.conftest import assert_no_axe_violations, log_in
from tests.portal.factories import IntegratedCareSystemFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_national_admin_grants_an_ics_lead_role(live_server, browser_page):
    person, ics = UserFactory(), IntegratedCareSystemFactory()
    page = browser_page
    log_in(page, live_server.url, UserFactory(national_admin=True).email)

    page.goto(live_server.url + "/roles/ics-leads/grant/")
    assert_no_axe_violations(page)
    page.get_by_label("E-mail address of the person").fill(person.email)
    page.get_by_label("ICS").select_option(str(ics.pk))
    page.get_by_role("button", name="Grant role").click()

    assert person.email in page.locator("main").inner_text()
    assert IcsLead.objects.filter(user=person, ics=ics).exists()
    assert_no_axe_violations(page)


def test_an_invitee_accepts_an_invitation(live_server, browser_page):
    admin = AcademyAdminFactory()
    invitation = academy_invitation_send(actor=admin.user, academy=admin.academy, email="colleague@example.nhs.test")
    UserFactory(email="colleague@example.nhs.test")
    page = browser_page
    log_in(page, live_server.url, "colleague@example.nhs.test")

    page.goto(live_server.url + f"/invitations/{academy_invitation_token(invitation)}/")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Accept invitation").click()

    expect(page.get_by_role("heading", name="Academy workspace")).to_be_visible()
