"""Factories for the coaching and mentoring register: coaches' profiles, requests and sessions."""

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from coaching.models import HLM_FRAMEWORK_SLUG, CoachingRequest, CoachingSession, CoachProfile
from tests.academies.factories import AcademyFactory
from tests.portal.factories import ProfessionFactory, RegionFactory, UserFactory, many_to_many
from tests.programmes.factories import CareerStageFactory, FrameworkElementFactory, FrameworkFactory

PROFILE_FIELDS = {"organisation", "profession", "grade", "job_title", "staff_group"}


def staff_member(**fields):
    """A member of staff with a StaffProfile in an organisation; fields of the user or of the profile override."""
    named = {f"profile__{name}" if name in PROFILE_FIELDS else name: value for name, value in fields.items()}
    return UserFactory(with_profile=True, **named)


class HlmDimensionFactory(FrameworkElementFactory):
    """A dimension of the Healthcare Leadership Model, the framework coaches say what they help with in."""

    framework = factory.SubFactory(FrameworkFactory, slug=HLM_FRAMEWORK_SLUG, name="Healthcare Leadership Model")


class CoachProfileFactory(DjangoModelFactory):
    """An approved coach and mentor with two places, none taken; `pending=True` makes one awaiting approval.

    The coach works in an organisation of their own (user__profile__organisation overrides it).
    """

    class Meta:
        model = CoachProfile
        django_get_or_create = ("user",)
        skip_postgeneration_save = True

    class Params:
        pending = factory.Trait(status=CoachProfile.Status.PENDING)

    user = factory.SubFactory(UserFactory, with_profile=True)
    academy = factory.SubFactory(AcademyFactory, local_partner=True)
    offers_coaching = True
    offers_mentoring = True
    qualification = "Test coaching and mentoring qualification"
    region = factory.SubFactory(RegionFactory)
    meets_in_person = True
    meets_online = False
    max_mentees = 2
    status = CoachProfile.Status.APPROVED

    dimensions = many_to_many("dimensions", default_factory=HlmDimensionFactory)
    professions = many_to_many("professions", default_factory=ProfessionFactory)
    career_stages = many_to_many("career_stages", default_factory=CareerStageFactory)


class CoachingRequestFactory(DjangoModelFactory):
    """A request awaiting a reply; `accepted=True` makes an active relationship, `closed=True` an ended one."""

    class Meta:
        model = CoachingRequest

    class Params:
        accepted = factory.Trait(
            status=CoachingRequest.Status.ACCEPTED,
            responded_at=factory.LazyFunction(timezone.now),
            accepted_at=factory.LazyFunction(timezone.now),
        )
        closed = factory.Trait(
            status=CoachingRequest.Status.CLOSED,
            responded_at=factory.LazyFunction(timezone.now),
            accepted_at=factory.LazyFunction(timezone.now),
            closed_at=factory.LazyFunction(timezone.now),
        )

    mentee = factory.SubFactory(UserFactory, with_profile=True)
    coach = factory.SubFactory(CoachProfileFactory)
    kind = CoachingRequest.Kind.COACHING
    message = "I am a new ward manager and would like help engaging my team."
    status = CoachingRequest.Status.REQUESTED


def session_date(day) -> dict:
    """The session log form's three boxes for `day`."""
    return {"held_on_day": str(day.day), "held_on_month": str(day.month), "held_on_year": str(day.year)}


class CoachingSessionFactory(DjangoModelFactory):
    class Meta:
        model = CoachingSession

    request = factory.SubFactory(CoachingRequestFactory, accepted=True)
    held_on = factory.LazyFunction(timezone.localdate)
    logged_by = factory.SelfAttribute("request.mentee")
