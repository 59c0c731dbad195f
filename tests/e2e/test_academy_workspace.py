"""An academy admin runs a cohort end to end in the browser, and the learner gets the certificate."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from enrolment.models import Cohort
from tests.academies.factories import AcademyAdminFactory, AcademyFactory
from tests.conftest import assert_no_axe_violations, log_in
from tests.enrolment.factories import ApplicationFactory
from tests.portal.factories import UserFactory
from tests.programmes.factories import ProgrammeFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_an_admin_runs_a_cohort_and_the_learner_downloads_the_certificate(live_server, new_browser_page):
    academy = AcademyFactory(local_partner=True, name="Hillside Leadership Academy (demo)")
    programme = ProgrammeFactory(title="Mary Seacole programme (test)", delivering_academies=[academy])
    admin = AcademyAdminFactory(academy=academy).user
    learner = UserFactory(full_name="Tomasz Nowak", with_profile=True)
    today = timezone.localdate()
    url = live_server.url

    page = new_browser_page()
    log_in(page, url, admin.email)
    page.goto(url + "/academy/")
    assert_no_axe_violations(page)
    page.get_by_role("link", name="Create a cohort").click()
    page.get_by_label("Academy", exact=True).select_option(label=academy.name)
    page.get_by_label("Programme", exact=True).select_option(label=programme.title)
    page.get_by_label("Name", exact=True).fill("Winter cohort")
    page.get_by_label("Starts on", exact=True).fill((today - timedelta(days=30)).isoformat())
    page.get_by_label("Ends on", exact=True).fill((today + timedelta(days=150)).isoformat())
    page.get_by_label("Venue", exact=True).fill("Hillside education centre")
    page.get_by_label("Capacity", exact=True).fill("20")
    page.get_by_label("Applications open").fill(f"{(today - timedelta(days=90)).isoformat()}T09:00")
    page.get_by_label("Applications close").fill(f"{(today - timedelta(days=40)).isoformat()}T17:00")
    page.get_by_label("CPD hours", exact=True).fill("45")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Create cohort").click()
    expect(page.get_by_role("heading", name=re.compile("Winter cohort"))).to_be_visible()

    cohort = Cohort.objects.get(name="Winter cohort")
    ApplicationFactory(applicant=learner, cohort=cohort, accepted=True)

    page.get_by_role("link", name="Generate sessions").click()
    page.get_by_label("Venue", exact=True).fill("Hillside education centre, room 4")
    page.get_by_label("Online tutor groups every how many weeks").fill("2")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Generate sessions").click()
    expect(page.get_by_text("sessions generated on working days")).to_be_visible()
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Attendance for Workshop 1").click()
    page.get_by_label("Tomasz Nowak").check()
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Save attendance").click()

    page.get_by_role("link", name="Record outcomes").click()
    page.get_by_label(re.compile("Tomasz Nowak: attended 1 session")).select_option("completed")
    assert_no_axe_violations(page)
    page.get_by_role("button", name="Save outcomes").click()
    expect(page.get_by_text("1 certificate(s) issued")).to_be_visible()

    learner_page = new_browser_page()
    log_in(learner_page, url, learner.email)
    learner_page.goto(url + "/my/learning/")
    learner_page.get_by_role("link", name=programme.title, exact=True).click()  # the certificate
    expect(learner_page.get_by_role("heading", name="Tomasz Nowak")).to_be_visible()
    assert "45" in learner_page.content()
    assert_no_axe_violations(learner_page)
