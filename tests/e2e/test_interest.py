"""'Tell me when applications open' in the browser: a visitor and a member of staff ask on a programme page with no
cohort, the visitor confirms from the e-mailed link, the academy sees them waiting, a cohort opens and each gets
exactly one e-mail, however often the schedule runs. Each page checked by axe-core."""

import re
from urllib.parse import urlparse

import pytest
from django.core import mail
from playwright.sync_api import expect

from enrolment.services.cohorts import cohorts_advance_schedule
from tests.academies.factories import AcademyAdminFactory
from tests.conftest import assert_no_axe_violations, log_in
from tests.enrolment.factories import CohortFactory
from tests.portal.factories import RegionFactory, UserFactory
from tests.programmes.factories import ProgrammeFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("tasks_run_in_process")]
VISITOR = "visitor@example.nhs.test"


def opened_emails() -> list:
    return [message for message in mail.outbox if message.subject.startswith("Applications are open")]


def test_register_interest_then_a_cohort_opens_and_each_gets_one_email(live_server, new_browser_page):
    programme = ProgrammeFactory(title="Waiting Programme")
    north = RegionFactory(name="North East and Yorkshire")
    staff = UserFactory(with_profile=True)
    admin = AcademyAdminFactory(academy=programme.provider).user
    url = live_server.url

    visitor = new_browser_page()
    visitor.goto(url + programme.get_absolute_url())
    expect(visitor.get_by_text("No academy runs a cohort of this programme on the portal yet.")).to_be_visible()
    assert_no_axe_violations(visitor)
    visitor.get_by_role("link", name="Tell me when applications open").click()
    assert_no_axe_violations(visitor)
    visitor.get_by_role("button", name="Tell me when applications open").click()
    expect(visitor.get_by_role("link", name="Enter your e-mail address")).to_be_visible()  # the error summary
    assert_no_axe_violations(visitor)
    visitor.get_by_label("North East and Yorkshire").check()
    visitor.get_by_label("Your e-mail address").fill(VISITOR)
    visitor.get_by_role("button", name="Tell me when applications open").click()
    expect(visitor.get_by_role("heading", name="Check your e-mail")).to_be_visible()
    assert_no_axe_violations(visitor)

    (confirmation,) = [message for message in mail.outbox if message.to == [VISITOR]]
    link = re.search(r"https?://\S+/tell-me/confirm/\S+/", confirmation.body).group(0)
    visitor.goto(url + urlparse(link).path)
    assert_no_axe_violations(visitor)
    visitor.get_by_role("button", name="Confirm").click()
    expect(visitor.get_by_role("heading", name="You will hear when applications open")).to_be_visible()
    assert_no_axe_violations(visitor)

    person = new_browser_page()
    log_in(person, url, staff.email)
    person.goto(url + programme.get_absolute_url())
    person.get_by_role("link", name="Tell me when applications open").click()
    person.get_by_role("button", name="Tell me when applications open").click()
    expect(person.get_by_role("heading", name="E-mails about programmes")).to_be_visible()
    expect(person.get_by_role("link", name="Waiting Programme")).to_be_visible()
    assert_no_axe_violations(person)

    academy = new_browser_page()
    log_in(academy, url, admin.email)
    academy.goto(url + "/academy/")
    row = academy.get_by_role("row", name=re.compile("Waiting Programme"))
    assert row.get_by_role("cell").last.inner_text().strip() == "2"
    assert_no_axe_violations(academy)

    CohortFactory(programme=programme, academy=programme.provider, region=north, name="Autumn cohort")
    cohorts_advance_schedule()  # beat opens the cohort on its window's date
    cohorts_advance_schedule()  # and runs again

    assert sorted(message.to[0] for message in opened_emails()) == sorted([VISITOR, staff.email])
    visitors = next(message for message in opened_emails() if message.to == [VISITOR])
    assert "Autumn cohort" in visitors.body
    stop = re.search(r"https?://\S+/tell-me/stop/\S+/", visitors.body).group(0)
    visitor.goto(url + urlparse(stop).path)
    assert_no_axe_violations(visitor)
    visitor.get_by_role("button", name="Stop these e-mails").click()
    expect(visitor.get_by_role("heading", name="You will get no more of these e-mails")).to_be_visible()
