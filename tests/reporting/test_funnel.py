"""The progression funnel: its figures against a hand count, the rule that publishes them (nothing under 5, the
rest rounded to 5), a differencing attack on two filtered views that recovers nothing, and the CSV download.

A small path worked out by hand. Stages: First (1), Middle (2). Seacole and the open-access Jenner are First, EGA
Middle. Everyone works at Riverside Hospital; months are counted back from this one.

    who        what                                   applied  status
    s1..s6     Seacole                                M-6      completed; s1, s2, s3 then apply to EGA at M-2:
                 s1, s2 EGA                           M-2      accepted           (s1, s2 went on)
                 s3 EGA                               M-2      under review       (s3 did not, yet)
    s7         Seacole                                M-6      accepted
    s8         Seacole                                M-6      unsuccessful
    e1         EGA                                    M-8      completed, then Seacole at M-4, accepted (an
                                                                earlier stage: e1 did not go on)
    j1         Jenner (open access)                   M-3      enrolled, in progress

Follow-up answers (everyone applied at band 5), about the completed Seacole places and e1's EGA:
    s1..s5     6 months: role changed; bands 6, 7, 5, 4 and none; leadership responsibilities s1..s4, not s5
    s1         12 months: role changed, band 6, responsibilities again (counts once)
    s5         12 months: role not changed, no band, responsibilities now
    s6         6 months: asked, never answered
    e1         6 months: role changed, band 8a, no responsibilities

    stage   applied  offered  took a place  completed  went on  role changed  band up  responsibilities
    First   9        8        9             6          2        5             2        5
    Middle  4        3        3             1          0        1             1        0
    All     13       11       12            7          2        6             3        5
First: Seacole's 8 and e1's Seacole (Jenner enrols only); Middle: s1, s2, s3 and e1 on EGA.
"""

import csv
import functools
import io
import itertools
from dataclasses import dataclass

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from enrolment.models import Status
from reporting.funnel import SMALL_NUMBER, STAGES, published
from reporting.funnel_report import FunnelReport
from reporting.services import reports_refresh
from reporting.tables import SUPPRESSED
from reporting.tables.funnel import funnel_table
from tests.enrolment.factories import CohortFactory
from tests.portal.factories import IcsLeadFactory, IntegratedCareSystemFactory, OrganisationFactory, UserFactory
from tests.programmes.factories import CareerStageFactory, ProgrammeFactory
from tests.progression.factories import FollowUpFactory
from tests.reporting.factories import application, months_ago, open_access_enrolment, staff_member

pytestmark = pytest.mark.django_db

HEADERS = [
    "Career stage",
    "Applied",
    "Offered a place",
    "Took a place",
    "Completed",
    "Went on to a later career stage",
    "Said their role changed",
    "Said they moved up a band",
    "Said they took on leadership responsibilities",
]


@dataclass
class Path:
    ics: object
    hospital: object
    lead: object
    seacole: object


@pytest.fixture
def path(db) -> Path:
    first = CareerStageFactory(slug="first", name="First", position=1)
    middle = CareerStageFactory(slug="middle", name="Middle", position=2)
    ics = IntegratedCareSystemFactory(slug="riverside", name="Riverside ICS")
    hospital = OrganisationFactory(name="Riverside Hospital", ics=ics)
    seacole = CohortFactory(programme=ProgrammeFactory(title="Seacole", career_stages=[first]), capacity=50)
    ega = CohortFactory(programme=ProgrammeFactory(title="EGA", career_stages=[middle]), capacity=50)
    jenner = ProgrammeFactory(title="Jenner", open_access=True, career_stages=[first])
    people = [staff_member(hospital) for _ in range(8)]
    completed = [application(person, seacole, Status.COMPLETED, applied=months_ago(6)) for person in people[:6]]
    application(people[6], seacole, Status.ACCEPTED, applied=months_ago(6))
    application(people[7], seacole, Status.UNSUCCESSFUL, applied=months_ago(6))
    for person in people[:2]:
        application(person, ega, Status.ACCEPTED, applied=months_ago(2))
    application(people[2], ega, Status.UNDER_REVIEW, applied=months_ago(2))
    earlier = staff_member(hospital)
    completed.append(application(earlier, ega, Status.COMPLETED, applied=months_ago(8)))
    application(earlier, seacole, Status.ACCEPTED, applied=months_ago(4))
    open_access_enrolment(staff_member(hospital), jenner, enrolled=months_ago(3))
    answer_follow_ups(completed)
    reports_refresh()
    return Path(ics=ics, hospital=hospital, lead=IcsLeadFactory(ics=ics).user, seacole=seacole)


def answer_follow_ups(completed: list) -> None:
    """The follow-up answers of the docstring's table: completed is s1..s6, then e1."""
    bands = ["band_6", "band_7", "band_5", "band_4", ""]
    for number, (place, band) in enumerate(zip(completed[:5], bands, strict=True)):
        follow_up(place, 6, role_changed=True, band=band, new_responsibilities=number < 4)
    follow_up(completed[0], 12, role_changed=True, band="band_6", new_responsibilities=True)
    follow_up(completed[4], 12, role_changed=False, band="", new_responsibilities=True)
    FollowUpFactory(application=completed[5], completed_at=timezone.now())
    follow_up(completed[6], 6, role_changed=True, band="band_8a", new_responsibilities=False)


def follow_up(place, point: int, **said) -> None:
    FollowUpFactory(application=place, point=point, completed_at=timezone.now(), answered_at=timezone.now(), **said)


def csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def export(client, path, table, **filters):
    client.force_login(path.lead)
    return client.get(reverse("reporting:ics_funnel_export", args=[path.ics.slug, table]), filters)


def test_the_figures_match_a_hand_count(path, client):
    client.force_login(path.lead)
    page = client.get(reverse("reporting:ics_funnel", args=[path.ics.slug]))
    report = FunnelReport(ics=path.ics, filters=page.context["filters"])

    by_stage = {row["label"]: row for row in report.figures.rows("career_stage")}

    counts = [stage.key for stage in STAGES]
    assert [by_stage["First"][key] for key in counts] == [9, 8, 9, 6, 2, 5, 2, 5]
    assert [by_stage["Middle"][key] for key in counts] == [4, 3, 3, 1, 0, 1, 1, 0]
    assert [report.totals()[key] for key in counts] == [13, 11, 12, 7, 2, 6, 3, 5]


def test_the_download_publishes_the_hand_count_rounded_to_5_and_nothing_under_5(path, client):
    assert csv_rows(export(client, path, "career-stages")) == [
        HEADERS,
        ["First", "10", "10", "10", "5", SUPPRESSED, "5", SUPPRESSED, "5"],
        ["Middle", *[SUPPRESSED] * 8],
        ["All", "15", "10", "10", "5", SUPPRESSED, "5", SUPPRESSED, "5"],
    ]


def test_the_page_shows_the_same_published_figures(path, client):
    client.force_login(path.lead)

    page = client.get(reverse("reporting:ics_funnel", args=[path.ics.slug]))

    assert page.status_code == 200
    assert list(page.context["totals_list"]) == [
        ("Applied", "15"),
        ("Offered a place", "10"),
        ("Took a place", "10"),
        ("Completed", "5"),
        ("Went on to a later career stage", SUPPRESSED),
        ("Said their role changed", "5"),
        ("Said they moved up a band", SUPPRESSED),
        ("Said they took on leadership responsibilities", "5"),
    ]
    stages = next(table for table in page.context["main_tables"] if table.slug == "career-stages")
    assert [cell.text for cell in stages.rows[0]] == ["First", "10", "10", "10", "5", SUPPRESSED, "5", SUPPRESSED, "5"]
    assert "6 or 12 months after completing" in page.content.decode()


@pytest.mark.parametrize(("count", "shown"), [(0, None), (1, None), (4, None), (5, 5), (7, 5), (8, 10), (13, 15)])
def test_a_count_is_published_suppressed_under_5_else_rounded_to_the_nearest_5(count, shown):
    assert published(count) == shown


@functools.cache
def could_be(shown: int | None, limit: int) -> tuple[int, ...]:
    """Every true count under `limit` that is published as `shown`, found by trying each."""
    return tuple(count for count in range(limit) if published(count) == shown)


def consistent(shown_all: int | None, shown_part: int | None, limit: int = 60) -> set[int]:
    """Every count of the rest (all minus part) that agrees with the two published figures: what a reader
    subtracting one view from the other can know of it."""
    return {
        whole - part for whole in could_be(shown_all, limit) for part in could_be(shown_part, limit) if whole >= part
    }


def as_number(text: str) -> int | None:
    return None if text == SUPPRESSED else int(text)


def test_subtracting_one_filtered_view_from_another_recovers_no_hidden_count(path, client):
    """Three GP staff complete Seacole: a count of 3 the funnel must not give away. The lead downloads the funnel
    of every organisation, then of the hospital alone, and subtracts, stage by stage; also the total less the
    shown rows of one table. Each hidden count is one of several that fit what is published."""
    gp = OrganisationFactory(name="Riverside GP", ics=path.ics)
    for _ in range(3):
        application(staff_member(gp), path.seacole, Status.COMPLETED, applied=months_ago(6))
    reports_refresh()

    everyone = csv_rows(export(client, path, "career-stages"))[-1][1:]
    hospital = csv_rows(export(client, path, "career-stages", organisation=path.hospital.pk))[-1][1:]
    by_organisation = {row[0]: row[1:] for row in csv_rows(export(client, path, "organisations"))[1:]}

    assert by_organisation["Riverside GP"][:4] == [SUPPRESSED] * 4
    true_gp = [3, 3, 3, 3, 0, 0, 0, 0]
    for stage, hidden in enumerate(true_gp):
        across_views = consistent(as_number(everyone[stage]), as_number(hospital[stage]))
        within_table = consistent(
            as_number(by_organisation["All"][stage]), as_number(by_organisation["Riverside Hospital"][stage])
        )
        for found in (across_views, within_table):
            assert hidden in found
            assert len(found & set(range(SMALL_NUMBER))) > 1, f"stage {stage}: the difference gives {found}"


# Each filter a lead can set, as a pair of views: everything, and the same narrowed on that filter alone.
FILTERED_VIEWS = {
    "organisation": lambda path: {"organisation": path.hospital.pk},
    "programme": lambda path: {"programme": path.seacole.programme.pk},
    "period": lambda path: {"period": "6"},
}


@pytest.mark.parametrize("dimension", FILTERED_VIEWS)
def test_subtracting_a_view_narrowed_on_any_filter_recovers_no_small_count(path, client, dimension):
    """The attack on every filter a lead can set: three GP staff complete another programme, so each pair of views
    (everything, then narrowed by organisation, programme or period) differs somewhere by a small count. Each
    printed total is the published form of the true one, and where the true difference of the two views is small,
    several counts fit what is printed; every cell of every table of the narrowed view is published by the rule."""
    gp = OrganisationFactory(name="Riverside GP", ics=path.ics)
    stages = path.seacole.programme.career_stages.all()
    rowe = CohortFactory(programme=ProgrammeFactory(title="Rowe", career_stages=stages))
    for _ in range(3):
        application(staff_member(gp), rowe, Status.COMPLETED, applied=months_ago(4))
    reports_refresh()
    narrowed = FILTERED_VIEWS[dimension](path)
    client.force_login(path.lead)
    views = [client.get(reverse("reporting:ics_funnel", args=[path.ics.slug]), query) for query in ({}, narrowed)]
    true_totals = [FunnelReport(ics=path.ics, filters=view.context["filters"]).totals() for view in views]
    printed = [dict(view.context["totals_list"]) for view in views]

    small_differences = 0
    for stage in STAGES:
        whole, part = true_totals[0][stage.key], true_totals[1][stage.key]
        shown_whole, shown_part = (as_number(shown[stage.header].replace(",", "")) for shown in printed)
        assert (shown_whole, shown_part) == (published(whole), published(part))
        if 0 < whole - part < SMALL_NUMBER:
            small_differences += 1
            found = consistent(shown_whole, shown_part)
            assert whole - part in found
            assert len(found & set(range(SMALL_NUMBER))) > 1, (stage.key, found)
    assert small_differences, "the two views differ by no small count: the attack was not tried"
    for table in FunnelReport(ics=path.ics, filters=views[1].context["filters"]).tables:
        for row in csv_rows(export(client, path, table, **narrowed))[1:]:
            assert all(text == SUPPRESSED or published(int(text)) == int(text) for text in row[1:]), (table, row)


def test_without_rounding_the_same_attack_would_recover_the_count():
    """The attack above is real: published as exact counts, the two views give the hidden 3 away."""
    exact = {(whole - part) for whole in range(60) for part in range(whole + 1) if whole == 16 and part == 13}

    assert exact == {3}
    assert consistent(published(16), published(13)) >= {0, 1, 2, 3, 4}


def test_every_breakdown_and_equality_answer_is_published_by_the_rule(path, client):
    for table in ("professions", "bands", "organisations", "ethnicity", "sex", "disability", "age"):
        for row in csv_rows(export(client, path, table))[1:]:
            for text in row[1:]:
                assert text == SUPPRESSED or (int(text) % 5 == 0 and int(text) >= SMALL_NUMBER), (table, row)


def test_another_systems_lead_gets_a_404_and_a_bad_filter_a_400(path, client):
    client.force_login(IcsLeadFactory().user)
    assert client.get(reverse("reporting:ics_funnel", args=[path.ics.slug])).status_code == 404
    assert client.get(reverse("reporting:ics_funnel_export", args=[path.ics.slug, "bands"])).status_code == 404

    client.force_login(path.lead)
    bad = client.get(reverse("reporting:ics_funnel", args=[path.ics.slug]), {"period": "forever"})
    assert bad.status_code == 400
    assert "Choose a period from the list" in bad.content.decode()
    assert export(client, path, "no-such-table").status_code == 404


def test_the_national_funnel_has_every_region_and_system(path, client):
    client.force_login(UserFactory(national_admin=True))

    response = client.get(reverse("reporting:national_funnel_export", args=["systems"]))

    assert csv_rows(response)[1:] == [
        ["Riverside ICS", "15", "10", "10", "5", SUPPRESSED, "5", SUPPRESSED, "5"],
        ["All", "15", "10", "10", "5", SUPPRESSED, "5", SUPPRESSED, "5"],
    ]


stage_counts = st.integers(min_value=0, max_value=40)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.lists(stage_counts, min_size=len(STAGES), max_size=len(STAGES)), min_size=1, max_size=6))
def test_a_random_funnel_table_lets_no_small_count_be_worked_out_by_subtracting_any_two_figures(groups):
    """The random audit of suppression, on funnel tables: random groups' counts; every printed count is 5 or more
    and a multiple of 5, and for any two cells of a column (a group, another, the total), their true difference,
    when small, is one of several that the two printed figures allow (a reader may bound it, never find it)."""
    codes = ["asian", "black", "mixed", "other", "white", ""][: len(groups)]
    keys = [stage.key for stage in STAGES]
    rows = [
        {"key": code, "label": code, "order": code, **dict(zip(keys, counts, strict=True))}
        for code, counts in zip(codes, groups, strict=True)
    ]
    totals = {key: sum(row[key] for row in rows) for key in keys}
    table = funnel_table("ethnicity", "By ethnic group", "ethnic_group", "Ethnic group", rows, totals)

    true_rows = [
        *sorted(
            rows,
            key=lambda row: (row["key"] == "", ["asian", "black", "mixed", "white", "other", ""].index(row["key"])),
        ),
        totals,
    ]
    for printed_row, true_row in zip(table.rows, true_rows, strict=True):
        for cell, key in zip(printed_row[1:], keys, strict=True):
            assert cell.suppressed or (cell.value >= SMALL_NUMBER and cell.value % 5 == 0)
            assert cell.value == published(true_row[key])
    for column, key in enumerate(keys, start=1):
        cells = [(row[column].value, true[key]) for row, true in zip(table.rows, true_rows, strict=True)]
        for (big_shown, big), (small_shown, small) in itertools.permutations(cells, 2):
            if 0 <= big - small < SMALL_NUMBER:
                found = consistent(big_shown, small_shown, limit=250)
                assert big - small in found
                assert len(found) > 1, (big_shown, small_shown, found)
