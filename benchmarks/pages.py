"""The pages the benchmark measures, who it measures them as, and the addresses it rotates through.

A page with one fixed address is served from the page or figures cache after its first request, so it measures
the cache. The rotating rows draw a new address for every request (facets, search words, report filters, from a
fixed seed, among the choices the page itself offers), so each one is a cache miss: what a real person's new search
costs.
"""

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlencode

NO_WORK = "no-work"
FLOOR = "floor"
SEED = 20261202
ROTATING = 20_000  # addresses drawn for each rotating row: more than a run can ask for
FLOOR_PAGE = "Signed-in no-work view (ICS lead)"  # the floor of every signed-in page
MEMORY_PAGE = "ICS dashboard (ICS lead)"  # the page whose worker memory is followed over 10,000 requests


@dataclass
class Target:
    ratio: float  # the least throughput the page should have, as a ratio to `versus`
    versus: str = NO_WORK  # NO_WORK: the no-work view; FLOOR: the signed-in no-work view


@dataclass
class Page:
    name: str
    path: str
    target: Target | None = None
    cookie: str = ""  # a session cookie: the page as a signed-in person sees it
    expect: str = ""  # text every answer must contain, proving it is the page meant (the person's own name)
    rotating: list[str] = field(default_factory=list)  # addresses to draw each request from instead of `path`
    samples: list[dict] = field(default_factory=list)  # one per repeat: benchmarks.load.sample's figures


class Choices(HTMLParser):
    """Every choice a page's forms offer: the values of each checkbox and each select's options, by field name."""

    def __init__(self):
        super().__init__()
        self.found: dict[str, list[str]] = {}
        self.select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("type") == "checkbox" and attrs.get("value"):
            self.found.setdefault(attrs["name"], []).append(attrs["value"])
        elif tag == "select":
            self.select = attrs.get("name")
        elif tag == "option" and self.select and "value" in attrs:  # "" too: all programmes, all organisations
            self.found.setdefault(self.select, []).append(attrs["value"])

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None


def choices_of(html: str) -> dict[str, list[str]]:
    parser = Choices()
    parser.feed(html)
    return parser.found


def _draw(path: str, seed: int, one: Callable) -> list[str]:
    """Up to ROTATING distinct addresses, each `path` with the query `one(rng)` returns (fewer if the page offers
    fewer choices: a run that asks for more stops, benchmarks/wrk_report.lua)."""
    rng = random.Random(seed)  # noqa: S311  # nosec B311 - not a secret: every run draws the same addresses
    drawn: dict[str, None] = {}
    for _ in range(ROTATING * 5):
        drawn[f"{path}?{urlencode(one(rng))}"] = None
        if len(drawn) == ROTATING:
            break
    return list(drawn)


def facet_addresses(path: str, choices: dict[str, list[str]]) -> list[str]:
    """Catalogue addresses with one to three facets ticked, as a person ticks them."""
    names = sorted(choices)

    def one(rng):
        return [(name, rng.choice(choices[name])) for name in sorted(rng.sample(names, rng.randint(1, 3)))]

    return _draw(path, SEED, one)


def search_addresses(path: str, titles: list[str]) -> list[str]:
    """Catalogue searches of one or two words from the catalogue's own titles, some with a letter left out."""
    words = sorted({word.lower() for title in titles for word in re.findall(r"[A-Za-z]{5,}", title)})

    def typed(rng, word):
        gap = rng.randrange(len(word)) if rng.random() < 0.3 else len(word)
        return word[:gap] + word[gap + 1:]

    def one(rng):
        return [("q", " ".join(typed(rng, rng.choice(words)) for _ in range(rng.randint(1, 2))))]

    return _draw(path, SEED + 1, one)


def report_addresses(path: str, choices: dict[str, list[str]]) -> list[str]:
    """Dashboard addresses with a period, a programme and an organisation chosen, as a lead chooses them."""

    def one(rng):
        return [(name, rng.choice(choices[name])) for name in sorted(choices)]

    return _draw(path, SEED + 2, one)


def session(user) -> str:
    """A signed-in session of `user` as its Cookie header, sent over plain HTTP although the cookie is Secure."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def make_pages(fetch: Callable[[str, str], str]) -> list[Page]:
    """The baselines first, then the pages. `fetch(path, cookie)` gets a page's HTML, to read the choices it offers
    for the rotating rows."""
    from django.urls import reverse

    from devdata.scale import EMAIL, benchmark_academy_admin, benchmark_ics_lead
    from portal.models import User
    from programmes.models import Programme

    lead, ics = benchmark_ics_lead()
    admin, cohort = benchmark_academy_admin()
    applicant = User.objects.get(email=EMAIL.format(0))
    application = applicant.applications.order_by("pk").first()
    programme = cohort.programme
    catalogue, dashboard = reverse("programmes:list"), reverse("reporting:ics_dashboard", args=[ics.slug])
    lead_cookie, applicant_cookie, admin_cookie = session(lead), session(applicant), session(admin)
    heading = "Find a leadership programme"
    facets = {name: values for name, values in choices_of(fetch(catalogue, "")).items() if name != "sort"}
    offered = choices_of(fetch(dashboard, lead_cookie))
    report_filters = {name: offered[name] for name in ("period", "programme", "organisation")}
    titles = list(Programme.objects.values_list("title", flat=True))
    floor, visitor = Target(0.5, FLOOR), Target(0.5)
    return [
        Page("No-work view (baseline)", reverse("benchmark_no_work"), expect="ok"),
        Page("Static file through whitenoise", static_path(), expect=".nhsuk-"),
        Page("Catalogue, no filter", catalogue, visitor, expect=heading),
        Page("Catalogue, three facets", f"{catalogue}?format=blended&region=london&open_now=yes", visitor,
             expect=heading),
        Page("Catalogue, text search", f"{catalogue}?q=leadership", visitor, expect=heading),
        Page("Programme page", reverse("programmes:detail", args=[programme.slug]), visitor, expect=programme.title),
        Page("Catalogue, facets not seen before", catalogue, Target(0.03), expect=heading,
             rotating=facet_addresses(catalogue, facets)),
        Page("Catalogue, search not seen before", catalogue, Target(0.03), expect=heading,
             rotating=search_addresses(catalogue, titles)),
        Page(FLOOR_PAGE, reverse("benchmark_signed_in_no_work"), Target(0.5), lead_cookie,
             lead.full_name),
        Page("Catalogue, signed in (staff)", catalogue, floor, applicant_cookie, applicant.full_name),
        Page("Programme page, signed in (staff)", reverse("programmes:detail", args=[programme.slug]), floor,
             applicant_cookie, applicant.full_name),
        Page("My applications (staff)", reverse("enrolment:applications"), floor, applicant_cookie,
             applicant.full_name),
        Page("An application (staff)", reverse("enrolment:application_detail", args=[application.pk]), floor,
             applicant_cookie, applicant.full_name),
        Page(MEMORY_PAGE, dashboard, floor, lead_cookie, lead.full_name),
        Page("ICS dashboard, filters not seen before", dashboard, Target(0.01), lead_cookie, lead.full_name,
             rotating=report_addresses(dashboard, report_filters)),
        Page("Cohort workspace (academy admin)", reverse("enrolment:workspace_cohort", args=[cohort.pk]), floor,
             admin_cookie, admin.full_name),
    ]


def static_path() -> str:
    from django.contrib.staticfiles.storage import staticfiles_storage

    return staticfiles_storage.url("css/portal.css")
