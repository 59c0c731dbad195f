"""Factories for evaluation: a cohort that has ended, its participants, and their answers."""

from datetime import timedelta

import factory
from django.conf import settings
from django.db.models import F
from factory.django import DjangoModelFactory

from enrolment.models import Application, Cohort
from evaluation.models import FeedbackResponse
from tests.enrolment.factories import ApplicationFactory, CohortFactory


class EndedCohortFactory(CohortFactory):
    """A cohort that ended ten days ago and is marked finished."""

    class Params:
        opens_in_days = -300
        closes_in_days = -250
        starts_in_days = -200
        lasts_days = 190

    status = Cohort.Status.FINISHED


def feedback_closed(cohort) -> None:
    """Moves the cohort back in time past the end of its feedback window, as the days passing would."""
    shift = timedelta(days=settings.FEEDBACK_OPEN_DAYS + 1)
    Cohort.objects.filter(pk=cohort.pk).update(starts_on=F("starts_on") - shift, ends_on=F("ends_on") - shift)
    cohort.refresh_from_db()


def participant_of(cohort, **fields) -> Application:
    """An accepted place in `cohort`: a participant who may answer its feedback form."""
    return ApplicationFactory(accepted=True, cohort=cohort, **fields)


class FeedbackResponseFactory(DjangoModelFactory):
    class Meta:
        model = FeedbackResponse

    cohort = factory.SubFactory(EndedCohortFactory)
    respondent = factory.LazyAttribute(lambda response: participant_of(response.cohort).applicant)
    rating_overall = 4
    rating_content = 4
    rating_facilitation = 5
    rating_organisation = 3
    comments = "The action learning sets were the best part."
