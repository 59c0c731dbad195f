"""Funded schemes: enrolments of the area's staff on the scheme's programmes against the target, and when the target
is met at the rate of the last six full months (the schemes fixture in conftest.py has the figures)."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from reporting.selectors import add_months, projected_month

pytestmark = pytest.mark.django_db


def in_months(count: int) -> str:
    return f"By {add_months(timezone.localdate().replace(day=1), count):%B %Y} at the current rate"


@pytest.mark.parametrize(
    ("enrolled", "target", "recent", "expected"),
    [
        (380, 500, 60, date(2027, 5, 1)),  # 120 left at 10 a month: 12 months
        (499, 500, 6, date(2026, 6, 1)),  # 1 left at 1 a month: next month
        (0, 10, 4, date(2027, 8, 1)),  # 10 left at 2/3 a month: 15 months
        (1, 10, 5, date(2027, 4, 1)),  # 9 left at 5/6 a month: 10.8, so 11 months
        (500, 500, 0, None),  # met
        (520, 500, 10, None),  # met, and more
        (100, 500, 0, None),  # nobody lately: never, at this rate
        (3, None, 6, None),  # no target to meet
    ],
)
def test_the_projection_divides_what_is_left_by_the_monthly_rate(enrolled, target, recent, expected):
    today = date(2026, 5, 14)

    assert projected_month(enrolled=enrolled, target=target, recent=recent, today=today) == expected


def test_a_systems_dashboard_shows_its_own_and_its_regions_schemes(client, known, schemes):
    client.force_login(known.lead)

    response = client.get(reverse("reporting:ics_dashboard", args=[known.riverside.slug]))

    table = response.context["scheme_table"]
    assert [[cell.text for cell in row] for row in table.rows] == [
        ["Alpha for one", "Riverside (Riverside ICS)", "1", "2", "100%", "0.2", "Met"],
        ["Gamma fund", "Riverside (Riverside ICS)", "5", "0", "0%", "0.0", "Not on track to be met"],
        ["North West three", "North West (North West region)", "3", "1", "33%", "0.2", in_months(12)],
        ["Riverside ten", "Riverside (Riverside ICS)", "10", "3", "30%", "0.3", in_months(21)],
    ]


def test_the_national_view_shows_every_allocation_including_those_not_linked_to_a_place(client, known, schemes):
    client.force_login(known.national_admin)

    response = client.get(reverse("reporting:national"))

    rows = {
        (row[0].text, row[1].text): [cell.text for cell in row[2:]] for row in response.context["scheme_table"].rows
    }
    assert rows[("Riverside ten", "Thames (Thames ICS)")] == ["50", "2", "4%", "0.3", in_months(144)]
    assert rows[("Surrey 500", "Surrey Heartlands")] == [
        "500",
        "Not counted",
        "",
        "",
        "Not counted: the allocation is not linked to a system or region",
    ]
    assert len(rows) == 6


def test_progress_counts_every_enrolment_whatever_the_dashboards_filters(client, known, schemes):
    client.force_login(known.lead)

    response = client.get(
        reverse("reporting:ics_dashboard", args=[known.riverside.slug]), {"period": "3", "programme": known.beta.pk}
    )

    assert response.context["scheme_table"].rows[3][3].text == "3"
