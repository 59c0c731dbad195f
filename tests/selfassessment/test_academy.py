"""What an academy sees: per cohort, only the average change over its participants who took the self-assessment
before the cohort started and after; under the small number, [c] in every cell; never another academy's cohorts."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from portal.small_numbers import SMALL_NUMBER, SUPPRESSED
from tests.academies.factories import AcademyAdminFactory
from tests.enrolment.factories import ApplicationFactory, CohortFactory
from tests.selfassessment.factories import assessment_taken

pytestmark = pytest.mark.django_db

PAGE = reverse("selfassessment:academy")


def started_cohort(**fields):
    return CohortFactory(closed=True, starts_in_days=-30, lasts_days=60, opens_in_days=-90, **fields)


def participants_who_took_both(cohort, dimensions, count, before, after):
    long_ago = timezone.now() - timedelta(days=120)
    for _ in range(count):
        person = ApplicationFactory(cohort=cohort, accepted=True).applicant
        assessment_taken(person, dimensions, before, taken_at=long_ago)
        assessment_taken(person, dimensions, after)


def admin_client(academy) -> Client:
    client = Client()
    client.force_login(AcademyAdminFactory(academy=academy).user)
    return client


def test_a_cohort_with_enough_participants_shows_the_average_change(dimensions):
    cohort = started_cohort()
    participants_who_took_both(cohort, dimensions, SMALL_NUMBER, 1, [3, 1, 1, 1, 1, 1, 1, 1, 2])

    response = admin_client(cohort.academy).get(PAGE)

    (row,) = response.context["changes"].cohorts
    assert row.participants == str(SMALL_NUMBER)
    assert row.changes == ["+2.0"] + ["+0.0"] * 7 + ["+1.0"]


def test_a_cohort_under_the_small_number_shows_every_cell_suppressed(dimensions):
    cohort = started_cohort()
    participants_who_took_both(cohort, dimensions, SMALL_NUMBER - 1, 1, 4)
    # Someone who took it only once does not count towards the number, so cannot lift the cohort over it.
    assessment_taken(ApplicationFactory(cohort=cohort, accepted=True).applicant, dimensions, 2)

    response = admin_client(cohort.academy).get(PAGE)

    (row,) = response.context["changes"].cohorts
    assert row.participants == SUPPRESSED
    assert row.changes == [SUPPRESSED] * 9
    assert "+3.0" not in response.text


def test_another_academys_cohorts_are_not_shown(dimensions):
    cohort, other = started_cohort(), started_cohort()
    participants_who_took_both(other, dimensions, SMALL_NUMBER, 1, 2)

    response = admin_client(cohort.academy).get(PAGE)

    assert [row.cohort for row in response.context["changes"].cohorts] == [cohort]
    assert other.name not in response.text


def test_the_page_takes_a_fixed_number_of_queries(dimensions):
    cohort = started_cohort()
    participants_who_took_both(cohort, dimensions, 1, 1, 2)
    client = admin_client(cohort.academy)
    client.get(PAGE)  # the signed-in user is now in the cache
    with CaptureQueriesContext(connection) as few:
        client.get(PAGE)
    for _ in range(3):
        more = started_cohort(programme=cohort.programme)
        participants_who_took_both(more, dimensions, 2, 1, 2)

    with CaptureQueriesContext(connection) as many:
        response = client.get(PAGE)

    assert len(response.context["changes"].cohorts) == 4
    assert len(many) == len(few)
