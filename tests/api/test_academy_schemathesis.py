"""Schemathesis against the live schema of a live server, with an academy's read-write token (issue 19 part 6, the
academy run): it generates requests for every operation that takes an academy token, valid and invalid, and checks
each answer: no 5xx, and status, content type, headers and body as the schema says. The academy has cohorts with
places and sessions and applications in several statuses; path ids are drawn mostly from its own records, so the
generated decisions reach the services rather than stopping at a 404. Writes change the world as the run goes."""

from datetime import timedelta

import pytest
import schemathesis
from django.test import override_settings
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from schemathesis import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance

from academies.api_tokens import academy_api_token_create
from enrolment.models import CohortSession, Status
from tests.academies.factories import AcademyAdminFactory, AcademyFactory
from tests.enrolment.factories import ApplicationFactory, CohortFactory

pytestmark = pytest.mark.django_db(transaction=True)

# Generated requests in all, shared by the operations and both modes (so more operations do not make a longer
# run), each operation and mode getting at least MINIMUM and at most MAXIMUM.
BUDGET, MINIMUM, MAXIMUM = 360, 8, 40
# Each cohort's applications: two to decide, one waiting, two holding places, one already unsuccessful.
STATES = (
    {"under_review": True},
    {"under_review": True},
    {"waitlisted": True},
    {"offered": True},
    {"accepted": True},
    {"status": Status.UNSUCCESSFUL, "rejection_reasons": ["criteria"]},
)
# Left out: "a schema-valid request is accepted". A schema-valid decision may rightly be refused (a 409: the cohort
# is full, the application already decided) and a schema-valid id may be none of the academy's (a 404).


def academy_operation(ctx) -> bool:
    """An operation that takes an academy token."""
    return {"academyToken": []} in ctx.operation.definition.raw.get("security", [])


def seed_academy() -> tuple[str, list[int]]:
    """An academy with cohorts (one with a place left, one full), sessions and applications in several statuses; its
    read-write token and every id of its records (a path id is drawn from these)."""
    admin = AcademyAdminFactory(academy=AcademyFactory(local_partner=True))
    ids = []
    for capacity in (3, 2):
        cohort = CohortFactory(academy=admin.academy, capacity=capacity)
        starts = timezone.now() + timedelta(days=61)
        session = CohortSession.objects.create(
            cohort=cohort, title="Workshop", starts_at=starts, ends_at=starts + timedelta(hours=2)
        )
        ids += [cohort.pk, session.pk]
        ids += [ApplicationFactory(cohort=cohort, **state).pk for state in STATES]
    ApplicationFactory(cohort=CohortFactory(), under_review=True)  # another academy's
    created = academy_api_token_create(
        actor=admin.user, academy_id=admin.academy_id, name="Schemathesis", scope="read-write", expires_in_days=30
    )
    return created.plain, ids


@pytest.fixture
def academy_run(live_server):
    plain, ids = seed_academy()
    schema = schemathesis.openapi.from_url(live_server.url + "/api/v1/schema/").include(func=academy_operation)
    return schema, {"Authorization": f"Bearer {plain}"}, ids


def check(operation, mode: GenerationMode, headers: dict, ids: list[int], examples: int) -> None:
    """`examples` generated requests of one kind to one operation, each answer checked by every default check; an
    integer path id is mostly one of the academy's own (an invalid request's fault is then in what else it sends)."""

    @given(case=operation.as_strategy(generation_mode=mode), data=st.data())
    @settings(max_examples=examples, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    def run(case, data):
        for name, value in (case.path_parameters or {}).items():
            if isinstance(value, int) and not isinstance(value, bool):
                case.path_parameters[name] = data.draw(st.sampled_from(ids) | st.just(value))
        case.call_and_validate(headers=headers, excluded_checks=[positive_data_acceptance])

    try:
        run()
    except Unsatisfiable:
        assert mode is GenerationMode.NEGATIVE


@override_settings(API_TOKEN_RATE="100000/min")
def test_the_academy_api_conforms_to_its_schema(academy_run):
    schema, headers, ids = academy_run
    operations = [result.ok() for result in schema.get_all_operations()]

    assert {operation.path for operation in operations} >= {
        "/api/v1/academy/applications/",
        "/api/v1/academy/applications/{id}/",
        "/api/v1/academy/applications/{id}/decision/",
    }
    examples = min(MAXIMUM, max(MINIMUM, BUDGET // (2 * len(operations))))
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            check(operation, mode, headers, ids, examples)
