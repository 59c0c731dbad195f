"""On a phone (320 pixels wide), a person finds their organisation by searching, chooses it from the radios, and
the pages pass axe; a national admin maps a name another person gave. No JavaScript is needed for either."""

import pytest

from portal.models import StaffProfile
from tests.conftest import assert_no_axe_violations, log_in
from tests.portal.factories import IntegratedCareSystemFactory, OrganisationFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NO_SIDEWAYS_SCROLL = "() => document.documentElement.scrollWidth <= window.innerWidth"


def test_a_person_picks_their_organisation_at_320_pixels(live_server, browser_page):
    ics = IntegratedCareSystemFactory(name="Surrey Heartlands")
    trust = OrganisationFactory(name="Royal Surrey County Hospital", ods_code="RA2", ics=ics)
    person = UserFactory(with_profile=True)
    page = browser_page
    page.set_viewport_size({"width": 320, "height": 640})
    log_in(page, live_server.url, person.email)

    page.goto(live_server.url + "/profile/")
    page.get_by_role("link", name="Change your organisation").click()
    assert_no_axe_violations(page)
    page.get_by_label("Find the organisation").fill("royal surrey")
    page.get_by_role("button", name="Search").click()
    assert_no_axe_violations(page)
    assert page.evaluate(NO_SIDEWAYS_SCROLL)
    page.get_by_label("Royal Surrey County Hospital (RA2), Surrey Heartlands").check()
    page.get_by_role("button", name="Save my organisation").click()

    assert "Your organisation is saved" in page.locator("main").inner_text()
    assert StaffProfile.objects.get(user=person).organisation == trust


def test_a_national_admin_maps_an_unlisted_name_at_320_pixels(live_server, browser_page):
    person = UserFactory(with_profile=True)
    StaffProfile.objects.filter(user=person).update(organisation=None, unlisted_organisation_name="St Elsewhere")
    hospital = OrganisationFactory(name="St Elsewhere Hospital", ods_code="RZZ")
    page = browser_page
    page.set_viewport_size({"width": 320, "height": 640})
    log_in(page, live_server.url, UserFactory(national_admin=True).email)

    page.goto(live_server.url + "/organisations/unlisted/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Map “St Elsewhere”").click()
    page.get_by_label("Find the organisation").fill("RZZ")
    page.get_by_role("button", name="Search").click()
    assert_no_axe_violations(page)
    page.get_by_label("St Elsewhere Hospital (RZZ)", exact=False).check()
    page.get_by_role("button", name="Map to this organisation").click()

    assert "now work for St Elsewhere Hospital" in page.locator("main").inner_text()
    assert StaffProfile.objects.get(user=person).organisation == hospital
