"""The reporting tables: rebuilt by a Celery task on beat's schedule, the same figures however often it runs, and the
time of the last refresh on every report."""

import pytest
from django.conf import settings
from django.urls import reverse

from enrolment.models import Application, Status
from reporting.models import MonthlyFigure, ReportFact, ReportsRefresh
from reporting.services import reports_refresh
from reporting.tasks import refresh_reports
from tests.conftest import wait_until
from tests.enrolment.factories import CohortFactory
from tests.portal.factories import OrganisationFactory
from tests.reporting.factories import application, months_ago, staff_member

pytestmark = pytest.mark.django_db


def snapshot():
    facts = sorted(ReportFact.objects.values_list("kind", "source_id", "ics_id", "month", "is_offered", "is_enrolled"))
    figures = sorted(
        MonthlyFigure.objects.values_list(
            "dimension", "ics_id", "month", "programme_id", "organisation_id", "code", "applications", "enrolments"
        ),
        key=str,
    )
    return facts, figures


def test_refreshing_again_gives_exactly_the_same_rows(known):
    first = snapshot()

    reports_refresh()

    assert snapshot() == first
    assert ReportFact.objects.count() == 9  # 7 submitted applications and 2 open-access enrolments


def test_a_draft_is_not_counted_until_it_is_submitted(known):
    draft = Application.objects.get(status=Status.DRAFT)

    assert Application.objects.count() == 8
    assert ReportFact.objects.filter(kind=ReportFact.Kind.APPLICATION).count() == 7
    assert not ReportFact.objects.filter(kind=ReportFact.Kind.APPLICATION, source_id=draft.pk).exists()


def test_a_new_application_shows_after_the_next_refresh_and_the_page_says_when_that_was(client, known):
    client.force_login(known.lead)
    url = reverse("reporting:ics_dashboard", args=[known.riverside.slug])
    application(staff_member(known.gp), CohortFactory(programme=known.beta), Status.UNDER_REVIEW, applied=months_ago(1))

    before = client.get(url)
    reports_refresh()
    after = client.get(url)

    assert before.context["totals_list"][0] == ("Applications", "5")
    assert after.context["totals_list"][0] == ("Applications", "6")
    assert '<dd class="nhsuk-summary-list__value">6</dd>' in after.content.decode()  # not the page kept from before
    refreshed = ReportsRefresh.objects.get().finished_at
    assert f"Figures as at {refreshed.astimezone().strftime('%H:%M')}" in after.content.decode()


def test_before_the_first_refresh_the_page_says_figures_are_coming(client, known):
    ReportsRefresh.objects.all().delete()
    client.force_login(known.lead)

    html = client.get(reverse("reporting:ics_dashboard", args=[known.riverside.slug])).content.decode()

    assert "The figures have not been worked out yet" in html


def test_withdrawn_equality_answers_stop_counting_at_the_next_refresh(client, known):
    person = staff_member(known.hospital, ethnicity="black_caribbean")
    application(person, CohortFactory(programme=known.alpha), Status.UNDER_REVIEW, applied=months_ago(1))
    reports_refresh()
    assert ReportFact.objects.filter(ethnic_group="black").count() == 1
    client.force_login(person)

    client.post(reverse("reporting:equality_profile_delete"))
    reports_refresh()

    assert ReportFact.objects.filter(ethnic_group="black").count() == 0


def test_beat_refreshes_the_reports_every_quarter_of_an_hour():
    entry = settings.CELERY_BEAT_SCHEDULE["refresh-reports"]

    assert entry == {"task": "reporting.tasks.refresh_reports", "schedule": 900}
    assert refresh_reports.name == "reporting.tasks.refresh_reports"


@pytest.mark.django_db(transaction=True)
def test_a_real_worker_refreshes_the_reports(celery_worker_process):
    cohort = CohortFactory()
    application(staff_member(OrganisationFactory()), cohort, Status.OFFERED, applied=months_ago(1))

    refresh_reports.delay()

    wait_until(lambda: ReportsRefresh.objects.filter(finished_at__isnull=False).exists(), timeout=60)
    assert ReportFact.objects.filter(is_offered=True).count() == 1
