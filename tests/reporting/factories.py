"""Factories for reporting: equality answers, and applications dated to a given month."""

from datetime import date, datetime, time, timedelta

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from enrolment.models import Enrolment, Status
from reporting.models import EqualityProfile
from reporting.selectors import add_months
from tests.enrolment.factories import ApplicationFactory
from tests.portal.factories import StaffProfileFactory, UserFactory


class EqualityProfileFactory(DjangoModelFactory):
    class Meta:
        model = EqualityProfile
        django_get_or_create = ("user",)

    user = factory.SubFactory(UserFactory)


def months_ago(count: int, day: int = 10) -> datetime:
    """Noon on `day` of the month `count` months before this one: always in the past, whatever today is."""
    month = add_months(timezone.localdate().replace(day=1), -count)
    return timezone.make_aware(datetime.combine(date(month.year, month.month, day), time(12)))


def staff_member(organisation, *, profession=None, grade="band_5", **equality):
    """Someone working in `organisation`, with equality answers if any are given (ethnicity="white_british")."""
    extra = {"profession": profession} if profession else {}
    profile = StaffProfileFactory(organisation=organisation, grade=grade, **extra)
    if equality:
        EqualityProfileFactory(user=profile.user, **equality)
    return profile.user


def application(applicant, cohort, status, *, applied: datetime, offered: datetime | None = None, **snapshot):
    """An application as the services would leave it in `status`, with the profile's snapshot unless given."""
    profile = applicant.profile
    fields = {
        "organisation": profile.organisation,
        "profession": profile.profession,
        "grade": profile.grade,
        **snapshot,
    }
    if status in (Status.OFFERED, Status.ACCEPTED, Status.DECLINED, Status.COMPLETED, Status.DID_NOT_COMPLETE):
        offered = offered or applied
        fields |= {"offered_at": offered, "offer_expires_at": offered + timedelta(days=7)}
    return ApplicationFactory(applicant=applicant, cohort=cohort, status=status, submitted_at=applied, **fields)


def open_access_enrolment(learner, programme, *, enrolled: datetime, completed: bool = False) -> Enrolment:
    status = Enrolment.Status.COMPLETED if completed else Enrolment.Status.IN_PROGRESS
    completed_at = enrolled if completed else None
    return Enrolment.objects.create(
        learner=learner, programme=programme, enrolled_at=enrolled, status=status, completed_at=completed_at
    )
