"""Allocations of a cohort's places and nominations for them."""

import factory
from factory.django import DjangoModelFactory

from enrolment.models import Nomination, PlaceAllocation
from tests.enrolment.factories import CohortFactory
from tests.portal.factories import IntegratedCareSystemFactory, UserFactory


class PlaceAllocationFactory(DjangoModelFactory):
    """Places for an ICS, by default; pass organisation=... and ics=None (with a nominator) for an organisation."""

    class Meta:
        model = PlaceAllocation

    cohort = factory.SubFactory(CohortFactory)
    ics = factory.SubFactory(IntegratedCareSystemFactory)
    places = 3


class NominationFactory(DjangoModelFactory):
    class Meta:
        model = Nomination

    allocation = factory.SubFactory(PlaceAllocationFactory)
    cohort = factory.SelfAttribute("allocation.cohort")
    email = factory.Sequence(lambda n: f"nominee{n}@example.nhs.test")
    nominated_by = factory.SubFactory(UserFactory)
