"""A supporting statement pasted at 3,100 characters is counted and refused, never cut: the NHS.UK character count
says how many characters too many, the server's error names the box and its limit, and the whole text stays in the
box for the applicant to shorten. Each page is checked by axe-core."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from enrolment.models import Application
from tests.conftest import assert_no_axe_violations, log_in
from tests.enrolment.factories import ApplicationFactory, CohortFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

STATEMENT = ("I lead a ward team and want to grow as a leader. " * 70)[:3100]


def test_a_statement_too_long_is_counted_and_refused_but_kept_whole(live_server, browser_page):
    application = ApplicationFactory(cohort=CohortFactory())
    saved = application.supporting_statement
    page = browser_page
    log_in(page, live_server.url, application.applicant.email)
    page.goto(live_server.url + reverse("enrolment:application_page", args=[application.pk, "statement"]))

    statement = page.get_by_label("Supporting statement")
    statement.fill("")
    statement.focus()
    page.keyboard.insert_text(STATEMENT)  # as a paste: a maxlength attribute would cut it to 3,000

    assert len(statement.input_value()) == 3100
    expect(page.get_by_text("You have 100 characters too many").first).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_role("button", name="Save and continue").click()

    summary = page.locator(".nhsuk-error-summary")
    error = summary.get_by_role("link", name="Your supporting statement must be 3,000 characters or fewer")
    expect(error).to_be_visible()
    error.click()
    statement = page.get_by_label("Supporting statement")
    assert statement.evaluate("box => document.activeElement === box")
    assert statement.input_value() == STATEMENT
    assert_no_axe_violations(page)
    assert Application.objects.get().supporting_statement == saved, "nothing saved"
