"""Schemathesis against the live schema of a live server (issue 19 part 6, the public run): it generates requests
for every public operation, valid and invalid, from the schema the server serves, and checks each answer: no 5xx,
and status, content type, headers and body as the schema says. Bounded so the run takes well under a minute."""

from datetime import timedelta

import pytest
import schemathesis
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from enrolment.models import CohortSession
from tests.enrolment.factories import ApplicationFactory, CohortFactory
from tests.programmes.factories import CareerStageFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db(transaction=True)

EXAMPLES = 30
# Left out: "a schema-valid request is accepted". A facet's options are the catalogue's rows, not the schema's, so
# a made-up option or a page past the last is schema-valid yet rightly a 400 naming the parameter. Every answer is
# still checked: no 5xx, and status, content type, headers and body as the schema says.


def public(ctx) -> bool:
    """An operation anyone may call: its only security requirement is none at all."""
    return ctx.operation.definition.raw.get("security", [{}]) == [{}]


@pytest.fixture
def live_schema(live_server):
    stage = CareerStageFactory(slug="aspiring-leaders")
    cohort = CohortFactory(programme=ProgrammeFactory(career_stages=[stage]), capacity=2)
    ApplicationFactory(cohort=cohort, offered=True)
    starts = timezone.now() + timedelta(days=61)
    CohortSession.objects.create(cohort=cohort, title="Workshop", starts_at=starts, ends_at=starts + timedelta(hours=2))
    CohortFactory(is_demo=True)
    return schemathesis.openapi.from_url(live_server.url + "/api/v1/schema/").include(func=public)


def check(operation, mode: GenerationMode) -> None:
    """EXAMPLES generated requests of one kind to one operation, each answer checked by every default check."""

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def run(case):
        case.call_and_validate(excluded_checks=[positive_data_acceptance])

    try:
        run()
    except Unsatisfiable:
        # Only a negative run can be: an operation whose one parameter is a string path segment has no invalid value.
        assert mode is GenerationMode.NEGATIVE


def test_the_public_api_conforms_to_its_schema(live_schema):
    operations = [result.ok() for result in live_schema.get_all_operations()]

    assert {operation.path for operation in operations} >= {
        "/api/v1/programmes/", "/api/v1/programmes/{slug}/", "/api/v1/academies/", "/api/v1/academies/{slug}/",
        "/api/v1/cohorts/",
    }
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            check(operation, mode)
