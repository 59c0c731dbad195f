"""Feedback in Chromium: a participant of an ended cohort answers its form (a missing rating first), then their
academy sees that the cohort's feedback is open, and once it has closed reads its results; axe-core checks each
page on the way."""

import pytest
from playwright.sync_api import expect

from evaluation.models import MIN_RESPONSES
from tests.academies.factories import AcademyAdminFactory
from tests.conftest import assert_no_axe_violations, log_in
from tests.evaluation.factories import EndedCohortFactory, FeedbackResponseFactory, feedback_closed, participant_of

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_participant_gives_feedback_and_the_academy_reads_it(live_server, new_browser_page):
    cohort = EndedCohortFactory()
    participant = participant_of(cohort).applicant
    for _ in range(MIN_RESPONSES - 1):
        FeedbackResponseFactory(cohort=cohort)
    url = live_server.url

    page = new_browser_page()
    log_in(page, url, participant.email)
    page.goto(f"{url}/my/feedback/{cohort.pk}/")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Send feedback").click()
    expect(page.get_by_text("There is a problem")).to_be_visible()
    assert_no_axe_violations(page)
    for question in ("overall", "useful", "taught", "organised"):
        page.get_by_role("group", name=question).get_by_label("4", exact=True).check()
    page.get_by_label("Anything else").fill("More time for the project, please.")
    page.get_by_role("button", name="Send feedback").click()
    expect(page.get_by_text("Thank you: your feedback is sent to the academy.")).to_be_visible()
    assert_no_axe_violations(page)

    academy = new_browser_page()
    log_in(academy, url, AcademyAdminFactory(academy=cohort.academy).user.email)
    academy.goto(f"{url}/academy/feedback/")
    expect(academy.get_by_text("Feedback open until")).to_be_visible()
    assert_no_axe_violations(academy)
    feedback_closed(cohort)
    academy.reload()
    academy.get_by_role("link", name=cohort.name).click()
    expect(academy.get_by_text("More time for the project, please.")).to_be_visible()
    assert_no_axe_violations(academy)
