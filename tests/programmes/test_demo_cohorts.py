"""What a demo cohort gives a programme in the catalogue says Demo: its card's "Open now" and next start, the facet
counts, the finder's reason, the count of upcoming cohorts and the calendar file; and search engines' structured
data never lists a demo cohort."""

import json
import re

import pytest
from django.urls import reverse
from icalendar import Calendar

from programmes.finder import Answers, ProgrammeFacts, assess
from tests.academies.factories import AcademyFactory
from tests.enrolment.factories import CohortFactory
from tests.portal.factories import RegionFactory
from tests.programmes.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db

DEMO_TAG = '<strong class="nhsuk-tag nhsuk-tag--yellow">Demo</strong>'
LIST_URL = reverse("programmes:list")


def card(html: str, title: str) -> tuple[str, str]:
    """A programme card's tags, and its line of facts."""
    start = html.index(f">{title}</a>")
    meta = html.index("app-card-meta", start)
    return html[start:meta], html[meta : html.index("</p>", meta)]


def test_a_card_says_demo_when_only_a_demo_cohort_is_open_or_coming(client):
    demo_only = CohortFactory(programme=ProgrammeFactory(title="Demo only"), is_demo=True, starts_in_days=60)
    both = ProgrammeFactory(title="Real and demo")
    CohortFactory(programme=both, is_demo=True, starts_in_days=40)
    real_later = CohortFactory(programme=both, starts_in_days=90, opens_later=True)
    real_open = CohortFactory(programme=ProgrammeFactory(title="Real open"), starts_in_days=70)

    html = client.get(LIST_URL).content.decode()

    tags, facts = card(html, "Demo only")
    assert f"Open now</strong> {DEMO_TAG}" in tags
    assert f"Next cohort starts {demo_only.starts_on:%-d %B %Y} {DEMO_TAG}" in facts
    tags, facts = card(html, "Real and demo")
    assert f"Open now</strong> {DEMO_TAG}" in tags  # open only in its demo cohort
    assert f"Next cohort starts {real_later.starts_on:%-d %B %Y}" in facts and DEMO_TAG not in facts
    tags, facts = card(html, "Real open")
    assert "Open now</strong>" in tags and DEMO_TAG not in tags + facts
    assert f"Next cohort starts {real_open.starts_on:%-d %B %Y}" in facts


def test_the_facets_and_dates_count_and_find_real_cohorts_only(client):
    north = RegionFactory(slug="north", name="North")
    made_up = CohortFactory(programme=ProgrammeFactory(title="Alpha"), region=north, is_demo=True)
    made_up.programme.delivering_academies.add(AcademyFactory(slug="made-up", is_demo=True))
    real = CohortFactory(programme=ProgrammeFactory(title="Bravo"), region=north)

    response = client.get(LIST_URL)
    by_dates = client.get(LIST_URL, {"starts_from_day": "1", "starts_from_month": "1", "starts_from_year": "2000"})

    labels = response.context["form"].fields
    assert dict(labels["open_now"].choices) == {"yes": "Open for applications now (1)"}
    assert dict(labels["region"].choices) == {"north": "North (1)"}
    assert "made-up" not in dict(labels["academy"].choices)
    assert [p.title for p in client.get(LIST_URL, {"open_now": "yes"}).context["pagination"].page] == ["Bravo"]
    assert [p.title for p in by_dates.context["pagination"].page] == [real.programme.title]


def test_the_structured_data_lists_real_cohorts_only(client):
    programme = ProgrammeFactory()
    real = CohortFactory(programme=programme, name="Real cohort")
    CohortFactory(programme=programme, name="Made-up cohort", is_demo=True)

    html = client.get(programme.get_absolute_url()).content.decode()

    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL).group(1))
    assert [instance["name"] for instance in data["hasCourseInstance"]] == [real.name]


def test_a_demo_programme_has_no_structured_data(client):
    programme = ProgrammeFactory(is_demo=True)

    assert "application/ld+json" not in client.get(programme.get_absolute_url()).content.decode()


def test_the_count_of_upcoming_cohorts_says_how_many_are_demo(client):
    programme = ProgrammeFactory()
    for days in range(12):
        CohortFactory(programme=programme, starts_in_days=60 + days, is_demo=days % 4 == 0)

    page = client.get(programme.get_absolute_url()).content.decode()
    all_cohorts = client.get(reverse("programmes:cohorts", args=[programme.slug])).content.decode()

    assert f"The 10 soonest of 12 upcoming cohorts (3 of them {DEMO_TAG}\n)." in page
    assert f"12 upcoming cohorts (3 of them {DEMO_TAG}\n), soonest first" in all_cohorts


def test_a_demo_cohorts_calendar_says_demo(client):
    cohort = CohortFactory(name="Spring", is_demo=True)

    response = client.get(reverse("programmes:cohort_calendar", args=[cohort.programme.slug, cohort.pk]))

    calendar = Calendar.from_ical(response.content)
    assert str(calendar["x-wr-calname"]) == f"{cohort.programme.title}: Spring (Demo)"
    assert [str(event["summary"]) for event in calendar.walk("VEVENT")][0].endswith("Spring (Demo) starts")


def test_the_finder_says_demo_and_gives_no_points_for_a_demo_cohort():
    answers = Answers(profession="nurse", goal="first_role")
    fits = {"slug": "p", "title": "P", "summary": "", "url": "/", "career_stages": frozenset({"new-to-leadership"})}

    plain = assess(ProgrammeFacts(**fits), answers)
    demo = assess(ProgrammeFacts(**fits, open_now_demo=True), answers)

    assert demo.score == plain.score
    assert demo.reasons == (*plain.reasons, "open for applications now, in a Demo cohort")
