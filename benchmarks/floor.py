"""The signed-in floor, measured alone in a couple of minutes: the no-work view, the signed-in no-work view and
My applications (5 rows), each under wrk against gunicorn with the benchmark's settings, in interleaved repeats,
each page's ratio to the no-work view just before and after it, reported as the median and its spread.

    python -m benchmarks.floor --repeats 5 --duration 4

Needs DATABASE_URL and REDIS_URL (scripts/services.sh gives them) and wrk. The people and applications are made
with the test factories in the database given; the full benchmark (benchmarks.run) measures at national scale.
"""

import argparse
import os
import secrets
import tempfile

# Before django.setup(): benchmarks.run sets the benchmark's settings and a secret for the run.
import benchmarks.run  # noqa: F401
from benchmarks.load import gunicorn, measure
from benchmarks.meter import Meter
from benchmarks.pages import Page, session
from benchmarks.report import spread

APPLICATIONS = 5


def people() -> list[Page]:
    """An ICS lead (roles to load) and a member of staff with APPLICATIONS applications."""
    from django.core.management import call_command
    from django.urls import reverse

    from tests.enrolment.factories import ApplicationFactory
    from tests.portal.factories import IcsLeadFactory, UserFactory

    call_command("migrate", interactive=False, verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    run = secrets.token_hex(4)
    lead = IcsLeadFactory(user=UserFactory(email=f"floor-lead-{run}@example.nhs.test")).user
    applicant = UserFactory(email=f"floor-staff-{run}@example.nhs.test")
    for _ in range(APPLICATIONS):
        ApplicationFactory(applicant=applicant, under_review=True)
    return [
        Page("No-work view", reverse("benchmark_no_work"), expect="ok"),
        Page("Signed-in no-work view", reverse("benchmark_signed_in_no_work"), None, session(lead), lead.full_name),
        Page("My applications", reverse("enrolment:applications"), None, session(applicant), applicant.full_name),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--duration", type=float, default=4)
    parser.add_argument("--warmup", type=float, default=2)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    os.environ.setdefault("BENCHMARK_STATIC_ROOT", tempfile.mkdtemp(prefix="floor-static-"))
    import django

    django.setup()
    pages = people()
    with gunicorn(args.workers) as server:
        measure(server, pages, args, Meter(gunicorn_pid=server.process.pid))
    print(f"Ratio to the no-work view, median (lowest-highest) of {args.repeats} interleaved repeats:")
    for page in pages[1:]:
        print(f"  {page.name:<24} {spread([sample['ratio'] for sample in page.samples])}")


if __name__ == "__main__":
    main()
