"""In a browser: a member of staff downloads their data from their profile, then erases their account and is
signed out; each page passes axe."""

import json
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.conftest import assert_no_axe_violations, log_in
from tests.portal.factories import TEST_PASSWORD, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_member_of_staff_downloads_their_data_then_erases_it(live_server, browser_page):
    person = UserFactory(full_name="Tomasz Nowak", with_profile=True)
    page = browser_page
    log_in(page, live_server.url, person.email)
    page.get_by_role("link", name="Tomasz Nowak").click()
    expect(page.get_by_role("heading", name="Your profile")).to_be_visible()

    with page.expect_download() as download:
        page.get_by_role("link", name="Download everything we hold about you").click()
    data = json.loads(Path(download.value.path()).read_text())
    assert data["account"]["full_name"] == "Tomasz Nowak"

    page.get_by_role("link", name="Erase your account and personal data").click()
    assert_no_axe_violations(page)
    page.get_by_label("Your password").fill(TEST_PASSWORD)
    page.get_by_label("I understand that my account").check()
    page.get_by_role("button", name="Erase my data").click()

    expect(page.get_by_text("Your account is closed and your personal data is erased.")).to_be_visible()
    expect(page.get_by_role("link", name="Log in")).to_be_visible()
    person.refresh_from_db()
    assert person.erased_at is not None and person.full_name != "Tomasz Nowak"
