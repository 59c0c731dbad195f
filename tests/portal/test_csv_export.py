"""CSV downloads: nothing a person typed runs as a spreadsheet formula, in the header row or the rows."""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from enrolment.models import CohortSession
from portal.csv_export import csv_response
from tests.academies.factories import AcademyAdminFactory
from tests.enrolment.factories import ApplicationFactory, CohortFactory


def read_csv(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode())))


def test_the_header_row_is_neutralised_like_the_rows():
    response = csv_response("x.csv", ["Name", "=cmd|' /C calc'!A0", "+1", "@SUM(A1)"], [["-2+3", 4]])

    assert read_csv(response) == [["Name", "'=cmd|' /C calc'!A0", "'+1", "'@SUM(A1)"], ["'-2+3", "4"]]


@pytest.mark.django_db
def test_a_session_title_that_is_a_formula_is_neutralised_in_the_attendance_export(client):
    cohort = CohortFactory()
    ApplicationFactory(cohort=cohort, accepted=True)
    start = timezone.now() - timedelta(days=1)
    CohortSession.objects.create(
        cohort=cohort, title='=HYPERLINK("http://evil.example")', starts_at=start, ends_at=start + timedelta(hours=2)
    )
    client.force_login(AcademyAdminFactory(academy=cohort.academy).user)

    rows = read_csv(client.get(reverse("enrolment:workspace_export", args=[cohort.pk, "attendance"])))

    assert rows[0] == ["Name", "'=HYPERLINK(\"http://evil.example\")"]
