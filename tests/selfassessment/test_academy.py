"""What an academy sees: per cohort, only the average change over its participants who took the self-assessment
before the cohort started and after, published once the cohort's window has closed; under the small number, [c] in
every cell; never another academy's cohorts."""

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from portal.small_numbers import SMALL_NUMBER, SUPPRESSED
from selfassessment.aggregates import closes_on
from selfassessment.models import PublishedChange
from selfassessment.services import cohort_changes_publish
from selfassessment.tasks import publish_cohort_changes
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


def participants_who_took_both(cohort, dimensions, count, before, after):
    for _ in range(count):
        participant_who_took_both(cohort, dimensions, before, after)


def admin_client(academy) -> Client:
    client = Client()
    client.force_login(AcademyAdminFactory(academy=academy).user)
    return client


def test_a_cohort_with_enough_participants_shows_the_average_change(dimensions):
    cohort = window_closed_cohort()
    participants_who_took_both(cohort, dimensions, SMALL_NUMBER, 1, [3, 1, 1, 1, 1, 1, 1, 1, 2])
    cohort_changes_publish()

    response = admin_client(cohort.academy).get(PAGE)

    (row,) = response.context["changes"].cohorts
    assert row.participants == str(SMALL_NUMBER)
    assert row.changes == ["+2.0"] + ["+0.0"] * 7 + ["+1.0"]


def test_a_cohort_under_the_small_number_shows_every_cell_suppressed(dimensions):
    cohort = window_closed_cohort()
    participants_who_took_both(cohort, dimensions, SMALL_NUMBER - 1, 1, 4)
    # Someone who took it only once does not count towards the number, so cannot lift the cohort over it.
    assessment_taken(ApplicationFactory(cohort=cohort, accepted=True).applicant, dimensions, 2, taken_at=days_ago(150))
    cohort_changes_publish()

    response = admin_client(cohort.academy).get(PAGE)

    (row,) = response.context["changes"].cohorts
    assert row.participants == SUPPRESSED
    assert row.changes == [SUPPRESSED] * 9
    assert "+3.0" not in response.text
    assert PublishedChange.objects.get().changes == {}, "a mean of too few is not even stored"


def test_a_cohort_whose_window_is_open_shows_only_the_day_it_is_published(dimensions):
    cohort = CohortFactory(closed=True, starts_in_days=-30, lasts_days=60, opens_in_days=-90)
    participants_who_took_both(cohort, dimensions, SMALL_NUMBER, 1, 3)

    assert cohort_changes_publish() == 0
    response = admin_client(cohort.academy).get(PAGE)

    (row,) = response.context["changes"].cohorts
    assert not row.is_published
    assert (row.published_on - closes_on(cohort)).days == 1
    assert (row.published_on - cohort.ends_on).days == settings.SELF_ASSESSMENT_OPEN_DAYS + 1
    assert "+2.0" not in response.text
    assert "Published from" in response.text


def test_an_assessment_after_the_window_does_not_count(dimensions):
    cohort = window_closed_cohort()
    participants_who_took_both(cohort, dimensions, SMALL_NUMBER, 1, 2)
    participant_who_took_both(cohort, dimensions, 1, 4, after_days_ago=100)  # the window closed 110 days ago

    cohort_changes_publish()

    assert PublishedChange.objects.get().participants == SMALL_NUMBER


def test_another_academys_cohorts_are_not_shown(dimensions):
    cohort, other = window_closed_cohort(), window_closed_cohort()
    participants_who_took_both(other, dimensions, SMALL_NUMBER, 1, 2)
    cohort_changes_publish()

    response = admin_client(cohort.academy).get(PAGE)

    assert [row.cohort for row in response.context["changes"].cohorts] == [cohort]
    assert other.name not in response.text


def test_the_page_takes_a_fixed_number_of_queries(dimensions):
    cohort = window_closed_cohort()
    participants_who_took_both(cohort, dimensions, 1, 1, 2)
    cohort_changes_publish()
    client = admin_client(cohort.academy)
    client.get(PAGE)  # the signed-in user is now in the cache
    with CaptureQueriesContext(connection) as few:
        client.get(PAGE)
    for _ in range(3):
        more = window_closed_cohort(programme=cohort.programme)
        participants_who_took_both(more, dimensions, SMALL_NUMBER, 1, 2)
    CohortFactory(programme=cohort.programme, closed=True, starts_in_days=-30, opens_in_days=-90)
    cohort_changes_publish()

    with CaptureQueriesContext(connection) as many:
        response = client.get(PAGE)

    assert len(response.context["changes"].cohorts) == 5
    assert len(many) == len(few)


def test_publishing_takes_a_fixed_number_of_queries(dimensions):
    participants_who_took_both(window_closed_cohort(), dimensions, 2, 1, 2)
    with CaptureQueriesContext(connection) as one:
        assert cohort_changes_publish() == 1
    for _ in range(4):
        participants_who_took_both(window_closed_cohort(), dimensions, SMALL_NUMBER, 1, 2)

    with CaptureQueriesContext(connection) as four:
        assert cohort_changes_publish() == 4

    assert len(four) == len(one)
    assert cohort_changes_publish() == 0, "a second run publishes nothing more"


def test_beat_publishes_the_changes_through_the_task(dimensions, settings):
    participants_who_took_both(window_closed_cohort(), dimensions, SMALL_NUMBER, 1, 2)

    assert settings.CELERY_BEAT_SCHEDULE["publish-self-assessment-change"]["task"] == publish_cohort_changes.name
    assert publish_cohort_changes.apply().get() == 1
    assert publish_cohort_changes.apply().get() == 0
    assert PublishedChange.objects.get().participants == SMALL_NUMBER
