"""Surrey 500 counts Surrey Heartlands' staff once the ICS is imported from ODS and an admin links the allocation."""

from io import StringIO

import pytest
from django.core.management import call_command

from enrolment.models import Status
from portal.models import IntegratedCareSystem, Organisation
from reporting.selectors import all_allocations, scheme_progress
from reporting.services import reports_refresh
from tests.enrolment.factories import CohortFactory
from tests.portal.test_import_ods import FILES
from tests.programmes.factories import FundedSchemeFactory, ProgrammeFactory, SchemeAllocationFactory
from tests.reporting.factories import application, months_ago, staff_member

pytestmark = pytest.mark.django_db


def test_surrey_500_counts_surrey_heartlands_staff_once_its_ics_is_imported_and_linked():
    call_command("import_ods", *FILES, stdout=StringIO(), stderr=StringIO())
    programme = ProgrammeFactory(title="Surrey 500", slug="surrey-500")
    allocation = SchemeAllocationFactory(
        scheme=FundedSchemeFactory(name="Surrey 500", programmes=[programme]),
        area_name="Surrey Heartlands",
        region=None,
        ics=None,
        target_leaders=500,
    )
    nurse = staff_member(Organisation.objects.get(ods_code="RTK"))
    application(nurse, CohortFactory(programme=programme), Status.ACCEPTED, applied=months_ago(1))
    reports_refresh()
    today = months_ago(0).date()
    (unlinked,) = scheme_progress(allocations=all_allocations(), today=today)
    assert unlinked.enrolled is None

    allocation.ics = IntegratedCareSystem.objects.get(ods_code="QXU")
    allocation.save()

    (linked,) = scheme_progress(allocations=all_allocations(), today=today)
    assert linked.enrolled == 1
