"""Every report page makes the same number of queries whatever the number of rows behind it: each table is one
aggregate query, never a query per programme, organisation, scheme or application."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from enrolment.models import Status
from reporting.services import reports_refresh
from tests.enrolment.factories import CohortFactory
from tests.portal.factories import OrganisationFactory, ProfessionFactory
from tests.programmes.factories import FundedSchemeFactory, ProgrammeFactory, SchemeAllocationFactory
from tests.reporting.factories import application, months_ago, staff_member

pytestmark = pytest.mark.django_db

PAGES = [
    ("lead", "reporting:ics_dashboard", True, {}),
    ("lead", "reporting:ics_dashboard", True, {"programme": "alpha"}),
    ("lead", "reporting:ics_dashboard", True, {"programme": "alpha", "organisation": "hospital"}),
    ("lead", "reporting:ics_export", True, {}),
    ("national_admin", "reporting:national", False, {}),
    ("national_admin", "reporting:national", False, {"programme": "alpha"}),
    ("lead", "reporting:ics_funnel", True, {}),
    ("lead", "reporting:ics_funnel", True, {"programme": "alpha", "organisation": "hospital"}),
    ("lead", "reporting:ics_funnel_export", True, {}),
    ("national_admin", "reporting:national_funnel", False, {}),
]


def queries(client, known, who, name, per_system, filters) -> int:
    client.force_login(getattr(known, who))
    args = [known.riverside.slug] if per_system else []
    if name == "reporting:ics_export":
        args.append("programmes")
    if name == "reporting:ics_funnel_export":
        args.append("professions")
    params = {key: getattr(known, value).pk for key, value in filters.items()}
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse(name, args=args), params)
    assert response.status_code == 200
    return len(captured)


def grow(known, times: int) -> None:
    """More of everything: programmes, organisations, professions, months, schemes and applications."""
    for n in range(times):
        programme = ProgrammeFactory()
        cohort = CohortFactory(programme=programme)
        organisation = OrganisationFactory(ics=known.riverside)
        scheme = FundedSchemeFactory(programmes=[programme, known.alpha])
        SchemeAllocationFactory(scheme=scheme, area_name=f"Area {n}", region=None, ics=known.riverside)
        for months in range(1, 4):
            person = staff_member(organisation, profession=ProfessionFactory(), grade="band_7", ethnicity="white_irish")
            application(person, cohort, Status.ACCEPTED, applied=months_ago(months))
            application(
                staff_member(known.hospital),
                CohortFactory(programme=known.alpha),
                Status.OFFERED,
                applied=months_ago(months + 3),
            )
    reports_refresh()


@pytest.mark.parametrize(("who", "name", "per_system", "filters"), PAGES)
def test_the_query_count_does_not_grow_with_the_rows(client, known, who, name, per_system, filters):
    before = queries(client, known, who, name, per_system, filters)
    grow(known, 8)

    after = queries(client, known, who, name, per_system, filters)

    assert after == before
