"""Allocations in the Django admin go through allocation_set: the ledger's and the scheme's rules hold there too,
a refusal is an error on the form, and nothing is written."""

import pytest
from django.urls import reverse

from enrolment.models import PlaceAllocation
from portal.models import AuditEntry
from tests.enrolment.allocation_factories import PlaceAllocationFactory
from tests.enrolment.test_admin import form_errors
from tests.portal.factories import IntegratedCareSystemFactory, UserFactory
from tests.programmes.factories import FundedSchemeFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def national(client):
    user = UserFactory(national_admin=True)
    client.force_login(user)
    return user


def test_adding_an_allocation_goes_through_the_service(client, national, cohort):
    ics = IntegratedCareSystemFactory()

    response = client.post(
        reverse("admin:enrolment_placeallocation_add"), {"cohort": cohort.pk, "ics": ics.pk, "places": 2}
    )

    assert response.status_code == 302, form_errors(response)
    assert PlaceAllocation.objects.values_list("cohort", "ics", "places").get() == (cohort.pk, ics.pk, 2)
    assert AuditEntry.objects.filter(action=AuditEntry.Action.COHORT_UPDATED, actor=national).exists()


def test_the_admin_refuses_more_places_than_the_capacity_and_writes_nothing(client, national, cohort):
    response = client.post(
        reverse("admin:enrolment_placeallocation_add"),
        {"cohort": cohort.pk, "ics": IntegratedCareSystemFactory().pk, "places": 4},
    )

    assert response.status_code == 200
    assert form_errors(response)["places"] == [
        "Only 3 more places can be allocated: the cohort has 3, and the rest are allocated or taken from the open pool"
    ]
    assert not PlaceAllocation.objects.exists()


def test_the_admin_refuses_a_scheme_that_does_not_fund_the_programme(client, national, cohort):
    allocation = PlaceAllocationFactory(cohort=cohort, places=1)
    scheme = FundedSchemeFactory(name="Other money", programmes=[ProgrammeFactory()])

    response = client.post(
        reverse("admin:enrolment_placeallocation_change", args=[allocation.pk]),
        {"places": 1, "scheme": scheme.pk},
    )

    assert response.status_code == 200
    assert form_errors(response)["scheme"] == [
        f"Other money does not fund {cohort.programme}: choose a scheme that does"
    ]
    allocation.refresh_from_db()
    assert allocation.scheme is None


def test_a_change_of_places_goes_through_the_service(client, national, cohort):
    allocation = PlaceAllocationFactory(cohort=cohort, places=1)

    response = client.post(
        reverse("admin:enrolment_placeallocation_change", args=[allocation.pk]), {"places": 3, "per_nominator": 1}
    )

    assert response.status_code == 302, form_errors(response)
    allocation.refresh_from_db()
    assert (allocation.places, allocation.per_nominator) == (3, 1)


def test_a_ring_fenced_allocation_reads_only_in_the_admin_and_a_post_changes_nothing(client, national, cohort):
    kept = PlaceAllocationFactory(
        cohort=cohort, ics=None, places=1, ring_fence_rule="A rule (Demo)", ring_fence_source="https://example.test/"
    )
    url = reverse("admin:enrolment_placeallocation_change", args=[kept.pk])

    page = client.get(url)
    posted = client.post(url, {"cohort": cohort.pk, "places": 3})

    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert posted.status_code == 403
    kept.refresh_from_db()
    assert (kept.places, kept.ics, kept.ring_fence_rule) == (1, None, "A rule (Demo)")


def test_an_ics_the_cohort_already_has_places_for_is_an_error_on_the_ics(client, national, cohort):
    allocation = PlaceAllocationFactory(cohort=cohort, places=1)

    response = client.post(
        reverse("admin:enrolment_placeallocation_add"), {"cohort": cohort.pk, "ics": allocation.ics_id, "places": 2}
    )

    assert response.status_code == 200
    assert form_errors(response) == {"ics": ["This cohort already has places for this ICS: change its places"]}
    assert PlaceAllocation.objects.values_list("places", flat=True).get() == 1
