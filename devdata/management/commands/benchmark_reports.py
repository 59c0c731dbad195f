"""Time the ICS dashboard, the national view and both progression funnels at 100,000 and at 1,000,000
applications, and count their queries.

It grows one scale data set (seed_scale) from the smaller count to the larger, so the staff, systems and
catalogue stay the same and only the number of applications changes. Fails if the dashboard's or a system's
funnel's best time grows by more than --max-growth, or any page's query count changes at all. The national pages
add up every system's figures, so their time is reported, not bounded.
"""

import statistics
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Sum
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from devdata.scale import Shape, benchmark_ics_lead
from portal.models import User
from reporting.models import Dimension, MonthlyFigure
from reporting.services import reports_refresh


@dataclass(frozen=True)
class Timing:
    best: float
    median: float
    queries: int


ADMIN_EMAIL = "benchmark-national-admin@demo.nhs.test"
# The pages of one system, whose time must not grow with the country's data.
BOUNDED = ("dashboard", "funnel")
SHAPE_OPTIONS = ("staff", "programmes", "cohorts", "systems", "enrolments")


class Command(BaseCommand):
    help = "Seed the scale data set at each --scales count of applications and time the dashboards at each."

    def add_arguments(self, parser):
        defaults = Shape()
        parser.add_argument("--scales", type=int, nargs="+", default=[100_000, 1_000_000])
        parser.add_argument("--repeat", type=int, default=15, help="Requests timed at each scale (the median counts).")
        parser.add_argument("--max-growth", type=float, default=2.0)
        for name in SHAPE_OPTIONS:
            parser.add_argument(f"--{name}", type=int, default=getattr(defaults, name))
        parser.add_argument("--force", action="store_true", help="Run even though DEBUG is off.")

    def handle(self, *args, scales, repeat, max_growth, force, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Refusing to add a million made-up rows with DEBUG off: use --force on a database made for measuring."
            )
        if repeat < 1:
            raise CommandError("--repeat must be at least 1.")
        self.stdout.write(f"Database: {connection.vendor}, {connection.settings_dict['NAME']}")
        shape = {name: options[name] for name in SHAPE_OPTIONS}
        results = []
        for applications in sorted(scales):
            call_command(
                "seed_scale", applications=applications, force=True, no_refresh=True, stdout=self.stdout, **shape
            )
            refresh = reports_refresh()
            self.stdout.write(f"Reports refreshed in {refresh.seconds:.1f}s ({refresh.facts:,} facts).")
            results.append(self._measure(applications, refresh.seconds, repeat))
        self._report(results, max_growth)

    def _measure(self, applications: int, refresh_seconds: float, repeat: int) -> dict:
        lead, ics = benchmark_ics_lead()
        admin, _ = User.objects.get_or_create(
            email=ADMIN_EMAIL,
            defaults={"full_name": "Benchmark national admin", "is_demo": True, "is_national_admin": True},
        )
        dashboard = reverse("reporting:ics_dashboard", args=[ics.slug])
        programme = (
            MonthlyFigure.objects.filter(ics=ics, dimension=Dimension.PROGRAMME)
            .values("programme")
            .annotate(total=Sum("applications"))
            .order_by("-total")
            .values_list("programme", flat=True)
            .first()
        )
        return {
            "applications": applications,
            "refresh": refresh_seconds,
            "system": ics.name,
            "dashboard": self._time(lead, dashboard, repeat),
            "filtered": self._time(lead, f"{dashboard}?programme={programme}", repeat),
            "national": self._time(admin, reverse("reporting:national"), repeat),
            "funnel": self._time(lead, reverse("reporting:ics_funnel", args=[ics.slug]), repeat),
            "national funnel": self._time(admin, reverse("reporting:national_funnel"), repeat),
        }

    @staticmethod
    def _time(user, url: str, repeat: int) -> "Timing":
        """The best and the median of `repeat` requests after two to warm up, and the queries one request makes.

        The pages keep their figures in the cache until the next refresh; each request asks with a parameter of
        its own, so every one misses it and the time is that of working the figures out.
        """
        client = Client()
        client.force_login(user)
        separator = "&" if "?" in url else "?"
        for warm_up in range(2):
            client.get(f"{url}{separator}benchmark=warm-{warm_up}")
        seconds, queries = [], set()
        for run in range(repeat):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(f"{url}{separator}benchmark={time.time_ns()}-{run}")
                seconds.append(time.perf_counter() - started)
            if response.status_code != 200:
                raise CommandError(f"{url} answered {response.status_code}")
            queries.add(len(captured))
        if len(queries) != 1:
            raise CommandError(f"{url} made a different number of queries on different requests: {sorted(queries)}")
        return Timing(best=min(seconds), median=statistics.median(seconds), queries=queries.pop())

    def _report(self, results: list[dict], max_growth: float) -> None:
        self.stdout.write("")
        self.stdout.write(f"Busiest system: {results[-1]['system']}. Times in ms: best / median of the requests.")
        pages = ("dashboard", "filtered", "national", "funnel", "national funnel")
        self.stdout.write(f"{'applications':>12}" + "".join(f"  {page:>19}" for page in pages) + f"  {'refresh':>8}")
        for row in results:
            cells = [
                f"{row[page].best * 1000:5.0f} / {row[page].median * 1000:4.0f} {row[page].queries:3}q"
                for page in pages
            ]
            self.stdout.write(
                f"{row['applications']:>12,}" + "".join(f"  {cell:>19}" for cell in cells) + f"  {row['refresh']:7.1f}s"
            )
        first, last = results[0], results[-1]
        failed = False
        for page in BOUNDED:
            # The best time is the one least disturbed by whatever else the machine is doing.
            growth = last[page].best / first[page].best
            queries = [row[page].queries for row in results]
            self.stdout.write(
                f"{page.capitalize()}: {growth:.2f}x the time at {last['applications']:,} as at "
                f"{first['applications']:,} (at most {max_growth:g}x allowed); queries "
                f"{'the same' if len(set(queries)) == 1 else 'CHANGED'} ({', '.join(map(str, queries))})."
            )
            failed |= growth > max_growth or len(set(queries)) != 1
        unbounded = [page for page in pages if page not in BOUNDED]
        if any(len({row[page].queries for row in results}) != 1 for page in unbounded):
            self.stdout.write(f"The query count of {', '.join(unbounded)} CHANGED with the data.")
            failed = True
        if failed:
            raise CommandError("The reports do not scale as they should.")
        self.stdout.write(self.style.SUCCESS("The reports scale: time within bounds, queries constant."))
