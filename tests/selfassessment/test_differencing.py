"""The differencing attack on the academy's self-assessment change: an academy admin looks at the page, one
participant does something (takes their second self-assessment, takes it again, is erased, withdraws), and the
admin looks again and subtracts. Were the mean worked out afresh, the two looks would give that person's rating
away (the first test shows it would); as published, once a cohort's window has closed and never again, the two
looks are the same, so the subtraction recovers nothing."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from enrolment.models import Application
from portal.privacy import personal_data_erase
from portal.small_numbers import SMALL_NUMBER
from selfassessment.aggregates import changes_to_publish
from selfassessment.services import cohort_changes_publish
from tests.academies.factories import AcademyAdminFactory
from tests.enrolment.factories import ApplicationFactory, CohortFactory
from tests.selfassessment.factories import (
    assessment_taken,
    days_ago,
    participant_who_took_both,
    window_closed_cohort,
)

pytestmark = pytest.mark.django_db

PAGE = reverse("selfassessment:academy")
SIXTH = [4, 1, 1, 1, 1, 1, 1, 1, 1]  # the sixth participant's second self-assessment: a 4 on the first dimension


def look(client) -> list:
    """Everything the page prints of each cohort: its count and its changes, or the day it is published."""
    rows = client.get(PAGE).context["changes"].cohorts
    return [(row.cohort.pk, row.participants, row.changes, row.published_on) for row in rows]


def recovered(n: int, before: float, after: float) -> int:
    """The attack: the new person's change on a dimension is n × (mean of n) − (n − 1) × (mean of n − 1), to the
    nearest whole number (ratings are whole; the means are printed to one decimal place)."""
    return round(n * after - (n - 1) * before)


@pytest.fixture
def admin(db):
    return AcademyAdminFactory()


def five_and_a_sixth(cohort, dimensions):
    for _ in range(SMALL_NUMBER):
        participant_who_took_both(cohort, dimensions, 1, 2)
    sixth = ApplicationFactory(cohort=cohort, accepted=True)
    assessment_taken(sixth.applicant, dimensions, 1, taken_at=days_ago(400))
    return sixth


def test_a_mean_worked_out_afresh_would_give_the_sixth_persons_rating_away(dimensions):
    """The attack is real: the mean of 5, then of 6, and the sixth person's change of +3 comes out exactly."""
    cohort = window_closed_cohort()
    sixth = five_and_a_sixth(cohort, dimensions)
    first = str(dimensions[0].pk)

    (of_five,) = changes_to_publish([cohort])
    assessment_taken(sixth.applicant, dimensions, SIXTH, taken_at=days_ago(150))
    (of_six,) = changes_to_publish([cohort])

    assert (of_five.participants, of_six.participants) == (5, 6)
    assert recovered(6, of_five.changes[first], of_six.changes[first]) == 3


def test_one_more_answer_while_the_window_is_open_changes_nothing_printed(dimensions, admin):
    cohort = CohortFactory(
        academy=admin.academy, closed=True, starts_in_days=-30, lasts_days=20, opens_in_days=-90
    )
    for _ in range(SMALL_NUMBER):
        person = ApplicationFactory(cohort=cohort, accepted=True).applicant
        assessment_taken(person, dimensions, 1, taken_at=days_ago(60))
        assessment_taken(person, dimensions, 2)
    sixth = ApplicationFactory(cohort=cohort, accepted=True).applicant
    assessment_taken(sixth, dimensions, 1, taken_at=days_ago(60))
    client = Client()
    client.force_login(admin.user)

    first_look = look(client)
    assessment_taken(sixth, dimensions, SIXTH)
    cohort_changes_publish()
    second_look = look(client)

    assert first_look == second_look
    assert first_look[0][1:3] == ("", [])


@pytest.mark.parametrize("action", ["takes it after the window", "takes it again", "is erased", "withdraws"])
def test_once_published_nothing_one_person_does_changes_the_figures(dimensions, admin, action):
    cohort = window_closed_cohort(academy=admin.academy)
    sixth = five_and_a_sixth(cohort, dimensions)
    if action != "takes it after the window":
        assessment_taken(sixth.applicant, dimensions, 2, taken_at=days_ago(150))
    cohort_changes_publish()
    client = Client()
    client.force_login(admin.user)
    first_look = look(client)

    if action == "is erased":
        Application.objects.filter(pk=sixth.pk).update(status=Application.Status.COMPLETED)
        personal_data_erase(user=sixth.applicant)
    elif action == "withdraws":
        Application.objects.filter(pk=sixth.pk).update(status=Application.Status.WITHDRAWN)
    else:
        assessment_taken(sixth.applicant, dimensions, SIXTH, taken_at=timezone.now())
    cohort_changes_publish()
    second_look = look(client)

    assert first_look == second_look
    assert first_look[0][1] in {"5", "6"}
