"""Every figure of the ICS dashboard on the known data set (tests/reporting/conftest.py), worked out by hand."""

import pytest
from django.urls import reverse
from django.utils import timezone

from reporting.selectors import add_months

pytestmark = pytest.mark.django_db


def dashboard(client, known, **filters):
    client.force_login(known.lead)
    response = client.get(reverse("reporting:ics_dashboard", args=[known.riverside.slug]), filters)
    assert response.status_code == 200, response.content.decode()
    return response


def table(response, slug) -> list[list[str]]:
    """The table's rows as the page prints them."""
    tables = [*response.context["main_tables"], *response.context["equality_tables"], response.context["scheme_table"]]
    found = next(table for table in tables if table.slug == slug)
    return [[cell.text for cell in row] for row in found.rows]


def month_label(months_back: int) -> str:
    return f"{add_months(timezone.localdate().replace(day=1), -months_back):%B %Y}"


def test_totals_count_the_systems_submitted_applications_and_open_access_enrolments(client, known):
    response = dashboard(client, known)

    assert response.context["totals_list"] == [
        ("Applications", "5"),
        ("Offers", "3"),
        ("Enrolments", "3"),
        ("Completions", "2"),
    ]


def test_breakdowns_by_programme_organisation_profession_and_band(client, known):
    response = dashboard(client, known)

    assert table(response, "programmes") == [
        ["Alpha programme", "3", "2", "1", "0"],
        ["Beta programme", "2", "1", "1", "1"],
        ["Jenner programme", "0", "0", "1", "1"],
    ]
    assert table(response, "organisations") == [
        ["Riverside Hospital", "3", "3", "3", "2"],
        ["Riverside GP", "2", "0", "0", "0"],
    ]
    assert table(response, "professions") == [["Nurse", "3", "2", "1", "0"], ["Manager", "2", "1", "2", "2"]]
    assert table(response, "bands") == [
        ["Band 5", "2", "1", "1", "0"],
        ["Band 6", "1", "1", "1", "1"],
        ["Band 7", "1", "0", "0", "0"],
        ["Band 8a", "1", "1", "1", "1"],
    ]


def test_by_month_lists_every_month_of_the_period_with_zeros_where_nobody_applied(client, known):
    rows = table(dashboard(client, known), "months")

    assert len(rows) == 12
    assert rows[0][0] == month_label(11)
    assert rows[-1] == [month_label(0), "0", "0", "0", "0"]
    assert rows[-2] == [month_label(1), "2", "2", "2", "1"]
    assert rows[-3] == [month_label(2), "2", "1", "1", "1"]
    assert rows[-4] == [month_label(3), "1", "0", "0", "0"]
    assert all(row[1:] == ["0", "0", "0", "0"] for row in rows[:-4])


def test_filtering_by_programme(client, known):
    response = dashboard(client, known, programme=known.alpha.pk)

    assert response.context["totals_list"][0] == ("Applications", "3")
    assert table(response, "organisations") == [
        ["Riverside Hospital", "2", "2", "1", "0"],
        ["Riverside GP", "1", "0", "0", "0"],
    ]
    assert table(response, "programmes") == [["Alpha programme", "3", "2", "1", "0"]]


def test_filtering_by_organisation(client, known):
    response = dashboard(client, known, organisation=known.gp.pk)

    assert [value for _, value in response.context["totals_list"]] == ["2", "0", "0", "0"]
    assert table(response, "programmes") == [
        ["Alpha programme", "1", "0", "0", "0"],
        ["Beta programme", "1", "0", "0", "0"],
    ]


def test_filtering_by_programme_and_organisation_together(client, known):
    response = dashboard(client, known, programme=known.beta.pk, organisation=known.hospital.pk)

    assert [value for _, value in response.context["totals_list"]] == ["1", "1", "1", "1"]
    assert table(response, "bands") == [["Band 8a", "1", "1", "1", "1"]]


def test_a_shorter_period_leaves_out_older_applications(client, known):
    response = dashboard(client, known, period="3")

    assert [value for _, value in response.context["totals_list"]] == ["4", "3", "3", "2"]
    assert [row[0] for row in table(response, "months")] == [month_label(2), month_label(1), month_label(0)]


def test_all_time_starts_at_the_first_month_with_figures(client, known):
    rows = table(dashboard(client, known, period="all"), "months")

    assert [row[0] for row in rows] == [month_label(3), month_label(2), month_label(1), month_label(0)]


def test_an_application_counts_where_the_person_worked_when_they_applied(client, known):
    client.force_login(known.national_admin)

    response = client.get(reverse("reporting:ics_dashboard", args=[known.hillside.slug]))

    assert response.context["totals_list"][0] == ("Applications", "1")
    assert table(response, "organisations") == [["Hillside Trust", "1", "0", "0", "0"]]


def test_the_page_shows_each_chart_with_its_table_and_no_inline_script(client, known):
    html = dashboard(client, known).content.decode()

    assert html.count('<svg class="app-chart__svg" role="img"') >= 5
    assert "Bar chart of applications and enrolments, by programme" in html
    assert "<script>" not in html and "<script " not in html.replace('<script type="module" src=', "")
    assert "style=" not in html
    assert "Figures as at" in html


def bars(response, slug) -> list[tuple[str, str, bool]]:
    """The chart's bars as the page draws them: label, value text, and whether the bar has any length."""
    found = next(table for table in response.context["main_tables"] if table.slug == slug)
    return [(bar.label, bar.value_text, bar.width > 0) for bar in found.bars]


def test_the_programme_chart_shows_applications_and_enrolments_and_an_open_access_programme_its_enrolments(
    client, known
):
    response = dashboard(client, known)

    assert bars(response, "programmes") == [
        ("Alpha programme", "3 applications", True),
        ("", "1 enrolment", True),
        ("Beta programme", "2 applications", True),
        ("", "1 enrolment", True),
        ("Jenner programme", "1 enrolment", True),
    ]
    assert '>Jenner programme</text>' in response.content.decode()


def test_other_breakdowns_chart_enrolments_beside_applications(client, known):
    assert bars(dashboard(client, known), "organisations") == [
        ("Riverside Hospital", "3 applications", True),
        ("", "3 enrolments", True),
        ("Riverside GP", "2 applications", True),
        ("", "0 enrolments", False),
    ]
