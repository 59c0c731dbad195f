"""Factories for improvement projects: a participant's place in a cohort, and the project on it."""

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from improvement.models import METHODS_FRAMEWORK_SLUG, ImprovementProject
from tests.enrolment.factories import ApplicationFactory
from tests.programmes.factories import FrameworkElementFactory, FrameworkFactory


class ImprovementMethodFactory(FrameworkElementFactory):
    """An improvement method of 'Developing People – Improving Care', the only methods a project may use."""

    framework = factory.SubFactory(FrameworkFactory, slug=METHODS_FRAMEWORK_SLUG, name="Improvement methods")
    slug = "model-for-improvement"
    name = "Model for Improvement (including Plan Do Study Act, PDSA)"


def participant_place(**fields):
    """An accepted place in a cohort: a participant who may lead a project on it."""
    return ApplicationFactory(accepted=True, **fields)


class ImprovementProjectFactory(DjangoModelFactory):
    """A draft project; `approved=True` makes one the academy approved, `public=True` one also agreed to show."""

    class Meta:
        model = ImprovementProject
        skip_postgeneration_save = True

    class Params:
        submitted = factory.Trait(status=ImprovementProject.Status.SUBMITTED)
        approved = factory.Trait(
            status=ImprovementProject.Status.APPROVED, reviewed_at=factory.LazyFunction(timezone.now)
        )
        public = factory.Trait(approved=True, publish_consent=True)

    application = factory.SubFactory(ApplicationFactory, accepted=True)
    title = "Fewer missed doses on the ward"
    aim = "Cut missed doses of time-critical medicines on one ward."
    method = factory.SubFactory(ImprovementMethodFactory)
    measure = "Missed doses per 1,000 doses given"
    baseline = "12 per 1,000"
    result = "4 per 1,000"
    teams = "Ward 7 nursing team; pharmacy"
    ics = factory.SelfAttribute("application.applicant.profile.organisation.ics")
