"""Improvement projects in Chromium: a participant records their project, their academy approves it, they agree to
show it and it is on the public showcase; axe-core checks each page on the way."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from improvement.models import ImprovementProject
from tests.academies.factories import AcademyAdminFactory
from tests.conftest import assert_no_axe_violations, log_in
from tests.improvement.factories import participant_place

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("tasks_run_in_process")]

TITLE = "Fewer falls on the stroke ward"


def test_a_participant_records_a_project_and_it_reaches_the_showcase(live_server, new_browser_page):
    call_command("load_catalogue", verbosity=0)
    place = participant_place(applicant__full_name="Pat Participant")
    reviewer = AcademyAdminFactory(academy=place.cohort.academy).user
    url = live_server.url

    participant = new_browser_page()
    log_in(participant, url, place.applicant.email)
    participant.goto(url + "/my/projects/")
    assert_no_axe_violations(participant)
    participant.get_by_role("link", name="Record your improvement project").click()
    participant.get_by_role("button", name="Save project").click()
    expect(participant.get_by_text("There is a problem")).to_be_visible()
    assert_no_axe_violations(participant)
    participant.get_by_label("Title of your project").fill(TITLE)
    participant.get_by_label("Aim", exact=True).fill("Halve falls among patients on the stroke ward.")
    participant.get_by_label("Lean", exact=True).check()
    participant.get_by_label("Measure").fill("Falls per 1,000 bed days")
    participant.get_by_label("Baseline").fill("8")
    participant.get_by_role("button", name="Save project").click()
    expect(participant.get_by_text("Your project is saved as a draft.")).to_be_visible()
    assert_no_axe_violations(participant)
    participant.get_by_role("button", name="Send to your academy").click()
    expect(participant.get_by_text("Your project is sent to your academy to review.")).to_be_visible()

    academy = new_browser_page()
    log_in(academy, url, reviewer.email)
    academy.goto(url + "/academy/projects/")
    assert_no_axe_violations(academy)
    academy.get_by_role("link", name=TITLE).click()
    assert_no_axe_violations(academy)
    academy.get_by_role("button", name="Approve project").click()
    expect(academy.get_by_text("is approved")).to_be_visible()

    participant.reload()
    participant.get_by_label("Show my project on the public showcase").check()
    participant.get_by_role("button", name="Save your choice").click()
    expect(participant.get_by_text("Your choice is saved.")).to_be_visible()
    assert_no_axe_violations(participant)

    visitor = new_browser_page()
    visitor.goto(url + "/projects/")
    expect(visitor.get_by_role("link", name=TITLE)).to_be_visible()
    assert_no_axe_violations(visitor)
    visitor.get_by_role("link", name=TITLE).click()
    expect(visitor.get_by_role("heading", name=TITLE, level=1)).to_be_visible()
    expect(visitor.get_by_text("Pat Participant")).to_have_count(0)
    assert_no_axe_violations(visitor)
    assert ImprovementProject.objects.public().count() == 1
