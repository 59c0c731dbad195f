"""The follow-up answer page in Chromium, reached from the e-mailed link with no sign-in: the questions, an error,
the check page and the confirmation, with axe-core on each; then the same link, used, says so; then the person
changes their answers in their account."""

import pytest
from playwright.sync_api import expect

from progression.links import follow_up_link_token
from progression.models import FollowUp
from tests.conftest import assert_no_axe_violations, log_in
from tests.progression.factories import FollowUpFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_person_answers_their_follow_up_from_the_link(live_server, new_browser_page):
    follow_up = FollowUpFactory()
    link = f"{live_server.url}/follow-up/{follow_up_link_token(follow_up)}/"
    page = new_browser_page()

    page.goto(link)
    expect(page.get_by_role("heading", name="How has your role changed since?")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_label("Yes, my role has changed").check()
    page.get_by_label("What is your band or grade now?").select_option("band_7")
    page.get_by_label("Yes, I have new leadership responsibilities").check()
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_role("heading", name="Check your answers")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Confirm and send").click()
    expect(page.get_by_role("heading", name="Thank you: your answers have been sent")).to_be_visible()
    assert_no_axe_violations(page)

    follow_up = FollowUp.objects.get(pk=follow_up.pk)
    assert (follow_up.role_changed, follow_up.band, follow_up.new_responsibilities) == (True, "band_7", True)
    page.goto(link)
    expect(page.get_by_text("This link has already been used.")).to_be_visible()
    assert_no_axe_violations(page)

    log_in(page, live_server.url, follow_up.application.applicant.email)
    page.goto(live_server.url + "/my/applications/")
    page.get_by_role("link", name="Your follow-up answers").click()
    expect(page.get_by_text("Band 7")).to_be_visible()
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Change your answers").click()
    page.get_by_label("What is your band or grade now?").select_option("band_8a")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Save your answers").click()
    expect(page.get_by_text("Your answers have been changed.")).to_be_visible()
    expect(page.get_by_text("Band 8a")).to_be_visible()
