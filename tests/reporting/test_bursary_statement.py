"""An ICS lead never sees an individual's bursary statement: not on their dashboard, the national view, nor any CSV
export; nor does the admin of another academy."""

import pytest
from django.urls import reverse

from enrolment.bursaries import BursaryKind
from enrolment.models import Cohort, Status
from enrolment.services.bursaries import bursary_request
from reporting.dashboards import NationalReport, SystemReport
from reporting.services import reports_refresh
from tests.academies.factories import AcademyAdminFactory, AcademyFactory
from tests.enrolment.factories import CohortFactory
from tests.portal.factories import UserFactory
from tests.reporting.factories import application as application_made
from tests.reporting.factories import months_ago, staff_member

pytestmark = pytest.mark.django_db
STATEMENT = "Bursary statement: my rent went up and I support two children."


@pytest.fixture
def asked(known):
    cohort = CohortFactory(programme=known.alpha)
    application = application_made(staff_member(known.hospital), cohort, Status.UNDER_REVIEW, applied=months_ago(1))
    Cohort.objects.filter(pk=application.cohort_id).update(
        bursaries_available=1, bursary_kind=BursaryKind.AMOUNT, bursary_amount=100
    )
    bursary_request(application_id=application.pk, applicant=application.applicant, statement=STATEMENT)
    reports_refresh()
    return application


def pages(known) -> list[tuple[object, str]]:
    system = [reverse("reporting:ics_dashboard", args=[known.riverside.slug])] + [
        reverse("reporting:ics_export", args=[known.riverside.slug, table]) for table in SystemReport.TABLES
    ]
    national = [reverse("reporting:national")] + [
        reverse("reporting:national_export", args=[table]) for table in NationalReport.TABLES
    ]
    return [(known.lead, url) for url in system] + [(known.national_admin, url) for url in national]


def test_the_statement_is_on_no_report_page_or_export(client, known, asked):
    seen = []
    for user, url in pages(known):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, url
        seen.append(response.content.decode("utf-8-sig"))

    assert not [url for (_, url), body in zip(pages(known), seen, strict=True) if "rent went up" in body]
    assert any("Alpha programme" in body for body in seen), "the application is counted, so the pages were real"


def test_the_statement_is_shown_to_no_other_academy_nor_the_ics_lead(client, known, asked):
    url = reverse("enrolment:academy_application", args=[asked.pk])
    for user in (known.lead, AcademyAdminFactory(academy=AcademyFactory()).user, UserFactory(national_admin=True)):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code in (403, 404)
        assert "rent went up" not in response.content.decode()
