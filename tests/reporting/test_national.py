"""The national view: every region and system, the same measures, ranked; figures of the known data set by hand.

North West = Riverside (5 applications, 3 offers, 3 enrolments, 2 completions) + Hillside (1, 0, 0, 0).
London = Thames: t1 accepted (1, 1, 1, 0) and an open-access enrolment in progress (0, 0, 1, 0).
"""

import pytest
from django.urls import reverse

from enrolment.models import Status
from reporting.services import reports_refresh
from tests.enrolment.factories import CohortFactory
from tests.portal.factories import StaffProfileFactory
from tests.reporting.factories import application, months_ago, staff_member

pytestmark = pytest.mark.django_db


def national(client, known, **filters):
    client.force_login(known.national_admin)
    response = client.get(reverse("reporting:national"), filters)
    assert response.status_code == 200, response.content.decode()
    return response


def ranking(response, slug):
    table = next(table for table in response.context["ranking_tables"] if table.slug == slug)
    return [[cell.text for cell in row] for row in table.rows]


def test_the_countrys_totals(client, known):
    response = national(client, known)

    assert response.context["totals_list"] == [
        ("Applications", "7"),
        ("Offers", "4"),
        ("Enrolments", "5"),
        ("Completions", "2"),
    ]


def test_regions_and_systems_are_ranked_by_applications_by_default(client, known):
    response = national(client, known)

    assert ranking(response, "regions") == [
        ["1", "North West", "6", "3", "3", "2", "50.0%", ""],
        ["2", "London", "1", "1", "2", "0", "100.0%", ""],
    ]
    assert ranking(response, "systems") == [
        ["1", "Riverside ICS", "North West", "5", "3", "3", "2", "60.0%", ""],
        ["2", "Hillside ICS", "North West", "1", "0", "0", "0", "0.0%", ""],
        ["2", "Thames ICS", "London", "1", "1", "2", "0", "100.0%", ""],
    ]


def test_ranking_by_another_measure(client, known):
    response = national(client, known, rank_by="enrolled")

    assert [row[:2] for row in ranking(response, "systems")] == [
        ["1", "Riverside ICS"],
        ["2", "Thames ICS"],
        ["3", "Hillside ICS"],
    ]


def test_each_system_links_to_its_dashboard(client, known):
    response = national(client, known)

    table = next(table for table in response.context["ranking_tables"] if table.slug == "systems")
    assert table.rows[0][1].href == reverse("reporting:ics_dashboard", args=[known.riverside.slug])
    assert f'href="{table.rows[0][1].href}"' in response.content.decode()


def test_filtering_the_national_view_by_programme(client, known):
    response = national(client, known, programme=known.alpha.pk)

    assert [row[1:7] for row in ranking(response, "systems")] == [
        ["Riverside ICS", "North West", "3", "2", "1", "0"],
        ["Hillside ICS", "North West", "1", "0", "0", "0"],
        ["Thames ICS", "London", "1", "1", "1", "0"],
    ]


def test_applications_of_people_with_no_organisation_come_last_unranked(client, known):
    nowhere = StaffProfileFactory(organisation=None).user
    application(nowhere, CohortFactory(programme=known.alpha), Status.UNDER_REVIEW, applied=months_ago(1))
    reports_refresh()

    rows = ranking(national(client, known), "systems")

    assert rows[-1] == ["Not ranked", "Not known (no organisation recorded)", "", "1", "0", "0", "0", "0.0%", ""]
    assert [row[1] for row in ranking(national(client, known), "regions")][-1] == "Not known (no organisation recorded)"


def test_a_systems_likelihood_is_shown_only_when_no_count_behind_it_is_small(client, known):
    cohort = CohortFactory(programme=known.alpha, capacity=100)
    hillside_trust = known.hillside.organisations.get()
    people = [
        (known.hospital, "white_british", 10, 5),
        (known.hospital, "black_african", 8, 2),
        (known.hospital, "asian_indian", 6, 3),
        (hillside_trust, "white_irish", 10, 5),
        (hillside_trust, "mixed_other", 6, 3),  # 3 minority offers: under 5
    ]
    for organisation, ethnicity, count, offered in people:
        for index in range(count):
            person = staff_member(organisation, ethnicity=ethnicity)
            status = Status.ACCEPTED if index < offered else Status.UNSUCCESSFUL
            application(person, cohort, status, applied=months_ago(1))
    reports_refresh()

    systems = {row[1]: row[-1] for row in ranking(national(client, known), "systems")}

    # Riverside: minority groups 5 of 14 offered (35.7%), White 5 of 10 (50%): 0.71.
    assert systems == {"Riverside ICS": "0.71", "Hillside ICS": "[c]", "Thames ICS": ""}
