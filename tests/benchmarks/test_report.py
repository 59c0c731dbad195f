"""The benchmark's report (benchmarks/report.py): medians, spreads, and each target against the right baseline."""

from benchmarks.pages import FLOOR, FLOOR_PAGE, Page, Target
from benchmarks.report import page_row


def samples(*ratios, rps=100.0):
    return [
        {"ratio": ratio, "rps": rps * ratio, "p50": 1.0, "p95": 2.0, "requests": 50, "queries": 3.0,
         "counted_all": True, "cpu": {"gunicorn": 1.0, "PostgreSQL": 0.5, "Redis": 0.1, "wrk": 0.1}}
        for ratio in ratios
    ]


def test_a_page_gives_the_median_ratio_of_its_repeats_with_the_lowest_and_highest():
    floor = Page(FLOOR_PAGE, "/floor", Target(0.5), cookie="s=1", samples=samples(0.6, 0.4, 0.5))
    page = Page("Catalogue", "/programmes/", Target(0.5), samples=samples(0.9, 0.3, 0.6))

    row = page_row(page, floor)

    assert "| 0.60× (0.30–0.90) |" in row and "≥ 0.5× no-work (met)" in row


def test_a_signed_in_page_is_held_to_its_target_against_the_floor_of_the_same_repeat():
    floor = Page(FLOOR_PAGE, "/floor", Target(0.5), cookie="s=1", samples=samples(0.5, 0.25, 0.5))
    page = Page("My applications", "/my/applications/", Target(0.5, FLOOR), cookie="s=2",
                samples=samples(0.2, 0.2, 0.1))

    row = page_row(page, floor)

    # Repeat by repeat: 0.2 / 0.5, 0.2 / 0.25, 0.1 / 0.5; the median 0.4 is 80% of the target.
    assert "| 0.40× (0.20–0.80) |" in row
    assert "≥ 0.5× the floor (**not met**: 80% of it)" in row


def test_a_rotating_page_says_how_many_new_addresses_it_asked_for():
    floor = Page(FLOOR_PAGE, "/floor", cookie="s=1", samples=samples(0.5, 0.5))
    page = Page("Search", "/programmes/", Target(0.03), rotating=["/programmes/?q=a"], samples=samples(0.1, 0.2))

    assert "`/programmes/`, a new address each request (100 drawn)" in page_row(page, floor)


def test_a_count_pg_stat_statements_may_have_cut_short_is_given_as_at_least():
    floor = Page(FLOOR_PAGE, "/floor", cookie="s=1", samples=samples(0.5, 0.5))
    page = Page("Catalogue", "/programmes/", samples=samples(0.1, 0.2))
    page.samples[1]["counted_all"] = False

    assert "| ≥ 3.0 |" in page_row(page, floor) and "| 3.0 |" in page_row(floor, floor)
