"""Factories for cohorts, dated from today so tests never go stale as the calendar moves on."""

from datetime import timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from enrolment.models import Cohort
from tests.programmes.factories import ProgrammeFactory


class CohortFactory(DjangoModelFactory):
    """A future cohort whose application window is open now.

    Move the window with the day offsets (`opens_in_days=3`) or the traits `opens_later` and `closed`.
    """

    class Meta:
        model = Cohort

    class Params:
        opens_in_days = -1
        closes_in_days = 30
        starts_in_days = 60
        lasts_days = 180
        opens_later = factory.Trait(opens_in_days=14, closes_in_days=45)
        closed = factory.Trait(opens_in_days=-45, closes_in_days=-1)

    programme = factory.SubFactory(ProgrammeFactory)
    academy = factory.SelfAttribute("programme.provider")
    name = factory.Sequence(lambda n: f"Test cohort {n}")
    starts_on = factory.LazyAttribute(lambda c: timezone.localdate() + timedelta(days=c.starts_in_days))
    ends_on = factory.LazyAttribute(lambda c: c.starts_on + timedelta(days=c.lasts_days))
    venue = "Test Education Centre"
    capacity = 20
    applications_open_at = factory.LazyAttribute(lambda c: timezone.now() + timedelta(days=c.opens_in_days))
    applications_close_at = factory.LazyAttribute(lambda c: timezone.now() + timedelta(days=c.closes_in_days))
