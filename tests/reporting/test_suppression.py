"""Small-number suppression: primary (every count under 5, zero included) and secondary (whatever a reader could
work out a hidden count from), on hand-computed tables, then checked against an independent audit."""

from fractions import Fraction

import pytest
from django.urls import reverse
from hypothesis import given, settings
from hypothesis import strategies as st

from enrolment.models import Status
from reporting.services import reports_refresh
from reporting.suppression import Line, cells_to_hide
from reporting.tables import COMPARISONS, MINORITY, TOTAL, equality_table
from reporting.tables.equality import _equality_lines
from tests.enrolment.factories import CohortFactory
from tests.portal.factories import IcsLeadFactory, IntegratedCareSystemFactory, OrganisationFactory
from tests.programmes.factories import ProgrammeFactory
from tests.reporting.factories import application, months_ago, staff_member

ETHNICITY = COMPARISONS[0]


def test_nothing_is_hidden_when_every_count_is_5_or_more():
    values = {"a": 5, "b": 9, "total": 14}

    assert cells_to_hide(values, list(values), [Line("total", ("a", "b"))]) == set()


def test_a_small_count_is_hidden_and_so_is_the_next_smallest_so_the_total_cannot_give_it_away():
    values = {"a": 3, "b": 10, "c": 12, "total": 25}

    assert cells_to_hide(values, list(values), [Line("total", ("a", "b", "c"))]) == {"a", "b"}


def test_zero_is_a_small_count_too():
    values = {"a": 0, "b": 10, "c": 12, "total": 22}

    assert cells_to_hide(values, list(values), [Line("total", ("a", "b", "c"))]) == {"a", "b"}


def test_two_hidden_counts_whose_sum_is_small_take_a_third_with_them():
    """1 and 2 hidden, but the total less 20 says they make 3: a small number of people in those two groups."""
    values = {"a": 1, "b": 2, "c": 20, "total": 23}

    assert cells_to_hide(values, list(values), [Line("total", ("a", "b", "c"))]) == {"a", "b", "c"}


def test_a_count_worked_out_through_a_chain_of_totals_is_protected_too():
    """a b | r1      Hiding a, then b (row), then c (column) is not enough: b comes back from column 2 (b = c2 - d)
    c d | r2      and then a from row 1. The four cells of the square go together.
    ----+---
    c1 c2 | g"""
    values = {"a": 2, "b": 10, "c": 7, "d": 9, "r1": 12, "r2": 16, "c1": 9, "c2": 19, "g": 28}
    lines = [
        Line("r1", ("a", "b")),
        Line("r2", ("c", "d")),
        Line("c1", ("a", "c")),
        Line("c2", ("b", "d")),
        Line("g", ("r1", "r2")),
        Line("g", ("c1", "c2")),
    ]

    assert cells_to_hide(values, list(values), lines) == {"a", "b", "c", "d"}


def test_a_count_not_printed_but_worked_out_by_subtraction_is_protected():
    """Applicants 7 and offers 5 would say 2 were not offered, so one of the printed two goes."""
    values = {"applied": 7, "offered": 5, "not_offered": 2}

    hidden = cells_to_hide(values, ["applied", "offered"], [Line("applied", ("offered", "not_offered"))])

    assert hidden == {"offered"}


# An ethnicity table worked through by hand (groups: applied, offered, completed):
#   Asian 12 6 3, Black 8 2 1, Mixed 0 0 0, Other 5 5 0, White 40 20 10, Prefer not to say 6 3 2, Not stated 9 4 2
# so all ethnic minority groups 25 13 4 and all applicants 80 40 18.
#
# Primary: every count under 5, printed or implied (not offered = applied - offered; not completed = offered -
# completed): Asian completed; Black offered, completed; all of Mixed; Other completed; offered and completed of
# Prefer not to say, Not stated and (completed) the minority groups. Other's 0 not offered and Mixed's 0 applied are
# small too, and not printed.
# 1. The applicants column gives Mixed's 0 away (80 less the rest): hide the smallest printed cell of it, Other's 5.
# 2. The minority groups' offers less Asian's and Other's leave 2 for Black and Mixed together: hide the smallest
#    printed cell of that line, Other's 5 offers.
# 3. Nothing left gives a small count away.
HAND_ROWS = [
    {"ethnic_group_key": "asian", "applied": 12, "offered": 6, "completed": 3},
    {"ethnic_group_key": "black", "applied": 8, "offered": 2, "completed": 1},
    {"ethnic_group_key": "other", "applied": 5, "offered": 5, "completed": 0},
    {"ethnic_group_key": "white", "applied": 40, "offered": 20, "completed": 10},
    {"ethnic_group_key": "prefer_not_to_say", "applied": 6, "offered": 3, "completed": 2},
    {"ethnic_group_key": "", "applied": 9, "offered": 4, "completed": 2},
]


def test_the_ethnicity_table_worked_by_hand():
    table = equality_table(ETHNICITY, HAND_ROWS)

    assert [[cell.text for cell in row] for row in table.rows] == [
        ["Asian, Asian British or Asian Welsh", "12", "6", "50.0%", "1.00", "[c]"],
        ["Black, Black British, Black Welsh, Caribbean or African", "8", "[c]", "[c]", "[c]", "[c]"],
        ["Mixed or Multiple ethnic groups", "[c]", "[c]", "[c]", "[c]", "[c]"],
        ["Other ethnic group", "[c]", "[c]", "[c]", "[c]", "[c]"],
        ["All ethnic minority groups (Asian, Black, Mixed and Other)", "25", "13", "52.0%", "1.04", "[c]"],
        ["White", "40", "20", "50.0%", "1.00 (reference)", "10"],
        ["Prefer not to say", "6", "[c]", "[c]", "[c]", "[c]"],
        ["Not stated", "9", "[c]", "[c]", "[c]", "[c]"],
        ["All applicants", "80", "40", "50.0%", "", "18"],
    ]


def test_the_relative_likelihood_is_a_groups_offer_rate_over_white_applicants():
    """No count under 5 anywhere, so nothing is hidden and every likelihood shows."""
    rows = [
        {"ethnic_group_key": "asian", "applied": 30, "offered": 18, "completed": 9},
        {"ethnic_group_key": "black", "applied": 40, "offered": 10, "completed": 5},
        {"ethnic_group_key": "mixed", "applied": 20, "offered": 10, "completed": 5},
        {"ethnic_group_key": "other", "applied": 20, "offered": 10, "completed": 5},
        {"ethnic_group_key": "white", "applied": 100, "offered": 50, "completed": 25},
        {"ethnic_group_key": "prefer_not_to_say", "applied": 20, "offered": 10, "completed": 5},
        {"ethnic_group_key": "", "applied": 20, "offered": 10, "completed": 5},
    ]

    table = equality_table(ETHNICITY, rows)

    assert [row[4].text for row in table.rows] == [
        "1.20",  # Asian: 60% / 50%
        "0.50",  # Black: 25% / 50%
        "1.00",  # Mixed: 50% / 50%
        "1.00",  # Other
        "0.87",  # all minority groups: 48 of 110 (43.6%) / 50%
        "1.00 (reference)",
        "1.00",
        "1.00",
        "",
    ]


def _determined(values, shown, hidden, lines) -> set:
    """An audit independent of the engine: the cells whose value follows from the printed ones by any linear
    combination of the lines (Gauss-Jordan elimination over the fractions)."""
    known = {cell: values[cell] for cell in shown if cell not in hidden}
    unknown = sorted({cell for line in lines for cell in line.cells if cell not in known}, key=str)
    column = {cell: index for index, cell in enumerate(unknown)}
    matrix = []
    for line in lines:
        row = [Fraction(0)] * (len(unknown) + 1)
        for cell, sign in [(line.total, -1), *((part, 1) for part in line.parts)]:
            if cell in known:
                row[-1] -= sign * known[cell]
            else:
                row[column[cell]] += sign
        matrix.append(row)
    pivots, rank = [], 0
    for col in range(len(unknown)):
        pivot = next((r for r in range(rank, len(matrix)) if matrix[r][col]), None)
        if pivot is None:
            continue
        matrix[rank], matrix[pivot] = matrix[pivot], matrix[rank]
        matrix[rank] = [value / matrix[rank][col] for value in matrix[rank]]
        for r in range(len(matrix)):
            if r != rank and matrix[r][col]:
                matrix[r] = [a - matrix[r][col] * b for a, b in zip(matrix[r], matrix[rank], strict=True)]
        pivots.append(col)
        rank += 1
    determined = set()
    for r, col in enumerate(pivots):
        if not any(matrix[r][c] for c in range(len(unknown)) if c != col):
            determined.add(unknown[col])
    return determined


counts = st.integers(min_value=0, max_value=30)
# What the summary above the tables prints: every applicant and every offer.
SUMMARY_CELLS = {(TOTAL, "applied"), (TOTAL, "offered")}


def test_the_total_row_shows_what_the_summary_prints_and_the_groups_keep_their_secret():
    """Black 8 applied, 6 offered; not stated 3 and 1. The summary says 11 applicants and 7 offers, so the total
    row may hide neither (hiding 7 offers while the summary prints it would only look safe). The groups' cells
    go instead: Black's 8 beside the total of 11 would say the other groups hold 3 people."""
    rows = [
        {"ethnic_group_key": "black", "applied": 8, "offered": 6, "completed": 6},
        {"ethnic_group_key": "", "applied": 3, "offered": 1, "completed": 1},
    ]

    table = {row[0].text: [cell.text for cell in row[1:]] for row in equality_table(ETHNICITY, rows).rows}

    assert table["All applicants"][:2] == ["11", "7"]
    assert table["Black, Black British, Black Welsh, Caribbean or African"][:2] == ["[c]", "[c]"]
    assert table["Not stated"][:2] == ["[c]", "[c]"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(counts, counts, counts), min_size=6, max_size=6))
def test_no_printed_table_lets_a_small_count_be_worked_out_by_any_sum_of_its_lines(groups):
    """Random ethnicity tables: whatever combination of the table's sums a reader tries, no count under 5 (printed
    or implied) that the table hides can be found exactly."""
    rows = []
    for code, (applied, offered, completed) in zip(
        ["asian", "black", "mixed", "other", "white", ""], groups, strict=True
    ):
        offered, completed = min(offered, applied), min(completed, offered, applied)
        rows.append({"ethnic_group_key": code, "applied": applied, "offered": offered, "completed": completed})
    table = equality_table(ETHNICITY, rows)

    codes = [code for code, _ in ETHNICITY.groups] + ["", MINORITY, TOTAL]
    values, shown, hidden = {}, [], set()
    texts = {row[0].text: row for row in table.rows}
    labels = dict(ETHNICITY.groups) | {"": "Not stated", MINORITY: ETHNICITY.combined[1], TOTAL: "All applicants"}
    found = {row["ethnic_group_key"]: row for row in rows}
    members = ETHNICITY.combined[2]
    for code in codes:
        if code == TOTAL:
            row = {
                measure: sum(found.get(c, {}).get(measure, 0) for c in found)
                for measure in ("applied", "offered", "completed")
            }
        elif code == MINORITY:
            row = {
                measure: sum(found.get(c, {}).get(measure, 0) for c in members)
                for measure in ("applied", "offered", "completed")
            }
        else:
            row = found.get(code, {"applied": 0, "offered": 0, "completed": 0})
        printed = texts[labels[code]]
        for measure, cell in zip(
            ("applied", "offered", "completed"), (printed[1], printed[2], printed[-1]), strict=True
        ):
            values[(code, measure)] = row[measure]
            shown.append((code, measure))
            if cell.suppressed:
                hidden.add((code, measure))
        values[(code, "not_offered")] = row["applied"] - row["offered"]
        values[(code, "not_completed")] = row["offered"] - row["completed"]
    lines = _equality_lines(ETHNICITY, [code for code, _ in ETHNICITY.groups] + [""], codes)

    worked_out = _determined(values, shown, hidden, lines)
    from_summary_alone = _determined(values, SUMMARY_CELLS, set(), lines) | SUMMARY_CELLS
    visible = {cell for cell in shown if cell not in hidden}
    leaks = {cell for cell in worked_out - visible - from_summary_alone if values[cell] < 5}
    assert not leaks
    assert not hidden & SUMMARY_CELLS, "the total row repeats the summary's figures, which the page prints anyway"
    assert all(values[cell] >= 5 for cell in visible - SUMMARY_CELLS)


@pytest.mark.django_db
def test_the_dashboard_never_prints_a_count_under_5_in_its_equality_tables(client):
    ics = IntegratedCareSystemFactory()
    organisation = OrganisationFactory(ics=ics)
    cohort = CohortFactory(programme=ProgrammeFactory(), capacity=100)
    people = [("white_british", Status.ACCEPTED)] * 7 + [("white_irish", Status.UNSUCCESSFUL)] * 3
    people += [("black_african", Status.OFFERED)] * 2 + [("asian_indian", Status.UNSUCCESSFUL)] * 6
    for ethnicity, status in people:
        person = staff_member(organisation, ethnicity=ethnicity, sex="female", disability="no", age_band="35_44")
        application(person, cohort, status, applied=months_ago(1))
    reports_refresh()
    client.force_login(IcsLeadFactory(ics=ics).user)

    response = client.get(reverse("reporting:ics_dashboard", args=[ics.slug]))

    for table in response.context["equality_tables"]:
        for row in table.rows:
            for cell in row[1:]:
                assert not (isinstance(cell.value, int) and not cell.suppressed and cell.value < 5), (table.slug, row)
    ethnicity = {row[0].text: [cell.text for cell in row[1:]] for row in response.context["equality_tables"][0].rows}
    assert ethnicity["White"][:2] == ["10", "[c]"]  # 7 offered of 10 would say 3 were not
    assert ethnicity["Black, Black British, Black Welsh, Caribbean or African"][0] == "[c]"
    assert ethnicity["All applicants"][0] == "18"
