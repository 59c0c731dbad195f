"""CSV exports: every row, the filters on the page, and nothing a spreadsheet would run as a formula."""

import csv
import io

import pytest
from django.urls import reverse

from enrolment.models import Status
from reporting.services import reports_refresh
from tests.enrolment.factories import CohortFactory
from tests.portal.factories import OrganisationFactory
from tests.programmes.factories import ProgrammeFactory
from tests.reporting.factories import application, months_ago, staff_member

pytestmark = pytest.mark.django_db


def rows(response) -> list[list[str]]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def export(client, user, ics, table, **filters):
    client.force_login(user)
    return client.get(reverse("reporting:ics_export", args=[ics.slug, table]), filters)


def test_an_export_has_the_tables_rows_as_the_page_shows_them(client, known):
    response = export(client, known.lead, known.riverside, "programmes")

    assert response["Content-Disposition"].startswith('attachment; filename="riverside-programmes-')
    assert rows(response) == [
        ["Programme", "Applications", "Offers", "Enrolments", "Completions"],
        ["Alpha programme", "3", "2", "1", "0"],
        ["Beta programme", "2", "1", "1", "1"],
        ["Jenner programme", "0", "0", "1", "1"],
    ]


def test_an_export_applies_the_filters_of_the_page(client, known):
    response = export(client, known.lead, known.riverside, "organisations", programme=known.alpha.pk)

    assert rows(response)[1:] == [["Riverside Hospital", "2", "2", "1", "0"], ["Riverside GP", "1", "0", "0", "0"]]


def test_the_page_shows_the_first_ten_programmes_and_the_export_every_one(client, known):
    cohorts = [CohortFactory(programme=ProgrammeFactory(title=f"Extra programme {n:02d}")) for n in range(11)]
    for cohort in cohorts:
        person = staff_member(known.hospital)
        application(person, cohort, Status.UNDER_REVIEW, applied=months_ago(1))
    reports_refresh()
    client.force_login(known.lead)

    page = client.get(reverse("reporting:ics_dashboard", args=[known.riverside.slug]))
    exported = rows(export(client, known.lead, known.riverside, "programmes"))

    shown = next(table for table in page.context["main_tables"] if table.slug == "programmes")
    assert len(shown.rows) == 11
    assert [cell.text for cell in shown.rows[-1]] == ["4 other programmes", "3", "0", "1", "1"]
    assert len(exported) == 1 + 14


def test_cells_a_spreadsheet_would_run_as_formulas_are_neutralised(client, known):
    for name in ['=HYPERLINK("http://evil.example","x")', "+1+1", "-2+3", "@SUM(A1)"]:
        person = staff_member(OrganisationFactory(name=name, ics=known.riverside))
        application(person, CohortFactory(programme=known.alpha), Status.UNDER_REVIEW, applied=months_ago(1))
    reports_refresh()

    names = [row[0] for row in rows(export(client, known.lead, known.riverside, "organisations"))]

    assert '\'=HYPERLINK("http://evil.example","x")' in names
    assert {"'+1+1", "'-2+3", "'@SUM(A1)"} <= set(names)
    assert not any(name[:1] in "=+-@" for name in names)


def test_a_scheme_export_has_the_progress_of_each_allocation(client, known, schemes):
    response = export(client, known.lead, known.riverside, "schemes")

    assert rows(response)[0] == [
        "Scheme",
        "Area",
        "Target (leaders)",
        "Enrolled so far",
        "Progress",
        "Enrolments a month (last 6 full months)",
        "Target met",
    ]
    assert len(rows(response)) == 1 + 4


def test_a_national_export_ranks_every_system(client, known):
    client.force_login(known.national_admin)

    response = client.get(reverse("reporting:national_export", args=["systems"]))

    exported = rows(response)
    assert [row[:3] for row in exported[1:]] == [
        ["1", "Riverside ICS", "North West"],
        ["2", "Hillside ICS", "North West"],
        ["2", "Thames ICS", "London"],
    ]


def test_a_suppressed_count_is_exported_as_c(client, known):
    response = export(client, known.lead, known.riverside, "ethnicity")

    table = rows(response)
    total = table[-1]
    assert total[0] == "All applicants"
    assert total[1:3] == ["5", "3"], "as the summary above the tables prints them"
    assert any("[c]" in row[1:] for row in table[1:-1])
