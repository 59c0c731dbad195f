"""The benchmark's rotating addresses (benchmarks/pages.py): drawn from the choices a page's own form offers, each
one new, the same every run."""

from urllib.parse import parse_qsl, urlsplit

from benchmarks.pages import choices_of, facet_addresses, report_addresses, search_addresses

FORM = """
<form method="get">
  <input type="checkbox" name="region" value="london"> <input type="checkbox" name="region" value="north-west">
  <input type="checkbox" name="format" value="online"> <input type="checkbox" name="format" value="blended">
  <input type="checkbox" name="cost" value="free"> <input type="text" name="q" value="">
  <select name="period"><option value="12">Last 12 months</option><option value="all">All time</option></select>
  <select name="programme"><option value="">All programmes</option><option value="7">Mary Seacole</option></select>
</form>
"""


def test_the_choices_are_read_from_the_page_s_own_form():
    assert choices_of(FORM) == {
        "region": ["london", "north-west"], "format": ["online", "blended"], "cost": ["free"],
        "period": ["12", "all"], "programme": ["", "7"],
    }


def test_facet_addresses_are_distinct_use_only_offered_choices_and_are_the_same_every_run():
    choices = {name: values for name, values in choices_of(FORM).items() if name in ("region", "format", "cost")}

    addresses = facet_addresses("/programmes/", choices)

    assert addresses == facet_addresses("/programmes/", choices)
    assert len(addresses) == len(set(addresses)) == 3 * 3 * 2 - 1  # every combination of one to three facets
    for address in addresses:
        ticked = parse_qsl(urlsplit(address).query)
        assert 1 <= len(ticked) <= 3 and all(value in choices[name] for name, value in ticked)


def test_search_addresses_are_words_of_the_catalogue_s_titles_and_there_are_enough():
    titles = ["Mary Seacole programme", "Edward Jenner programme", "Elizabeth Garrett Anderson programme",
              "Stepping Up", "Ready Now", "Senior leadership masterclass", "Aspiring directors",
              "Clinical supervision for nurses", "Coaching skills for managers", "Quality improvement foundations"]

    addresses = search_addresses("/programmes/", titles)

    assert len(addresses) == len(set(addresses)) > 10_000
    assert addresses[0].startswith("/programmes/?q=")


def test_report_addresses_choose_every_filter():
    choices = {name: values for name, values in choices_of(FORM).items() if name in ("period", "programme")}

    addresses = report_addresses("/ics/x/", choices)

    assert sorted(addresses) == sorted(
        f"/ics/x/?period={period}&programme={programme}" for period in ("12", "all") for programme in ("", "7")
    )
