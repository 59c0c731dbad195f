"""Feedback through its pages, posted straight to the URLs as a browser (or anyone) would: who may answer, once;
what the academy sees of its own cohorts only; and nothing shown below the threshold of answers."""

from html import escape

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from enrolment.models import Application
from evaluation.models import MIN_RESPONSES, FeedbackResponse
from tests.academies.factories import AcademyAdminFactory
from tests.enrolment.factories import ApplicationFactory, CohortFactory
from tests.evaluation.factories import EndedCohortFactory, FeedbackResponseFactory, feedback_closed, participant_of
from tests.portal.factories import UserFactory
from tests.support.django_messages import django_defaults_in

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('feedback')</script>"


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def answers(**changes) -> dict:
    ratings = {"rating_overall": "5", "rating_content": "4", "rating_facilitation": "4", "rating_organisation": "3"}
    return {**ratings, "comments": "More time for the project, please.", **changes}


def answer_url(cohort) -> str:
    return reverse("evaluation:answer", args=[cohort.pk])


def test_a_participant_answers_once(participant, cohort):
    client = as_user(participant)
    assert "Overall, how would you rate the programme?" in client.get(answer_url(cohort)).content.decode()

    assert client.post(answer_url(cohort), answers()).status_code == 302
    second = client.post(answer_url(cohort), answers(rating_overall="1"), follow=True)

    response = FeedbackResponse.objects.get()
    assert (response.respondent, response.cohort, response.rating_overall) == (participant, cohort, 5)
    assert "You have given your feedback" in second.content.decode()


def test_only_participants_of_an_ended_cohort_may_answer(cohort):
    outsiders = [
        UserFactory(),
        ApplicationFactory(cohort=cohort, status=Application.Status.WITHDRAWN).applicant,
        ApplicationFactory(cohort=cohort, under_review=True).applicant,
        AcademyAdminFactory(academy=cohort.academy).user,
    ]
    for person in outsiders:
        client = as_user(person)
        assert client.get(answer_url(cohort)).status_code == 404
        assert client.post(answer_url(cohort), answers()).status_code == 404
    running = participant_of(CohortFactory(starts_in_days=-5))
    assert as_user(running.applicant).post(answer_url(running.cohort), answers()).status_code == 404
    assert Client().post(answer_url(cohort), answers()).status_code == 302  # to the log-in page
    assert not FeedbackResponse.objects.exists()


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"rating_overall": ""}, "rating_overall"),
        ({"rating_content": "6"}, "rating_content"),
        ({"rating_facilitation": "0"}, "rating_facilitation"),
        ({"rating_organisation": "three"}, "rating_organisation"),
        ({"comments": "x" * 2001}, "comments"),
    ],
)
def test_bad_input_is_a_form_error_and_nothing_is_saved(participant, cohort, changes, field):
    page = as_user(participant).post(answer_url(cohort), answers(**changes))

    assert page.status_code == 200
    assert page.context["form"].errors[field]
    assert not django_defaults_in(page.content.decode())
    assert not FeedbackResponse.objects.exists()


def answered(cohort, count: int, **fields) -> list[FeedbackResponse]:
    return [FeedbackResponseFactory(cohort=cohort, **fields) for _ in range(count)]


def answered_and_closed(cohort, count: int, **fields) -> list[FeedbackResponse]:
    responses = answered(cohort, count, **fields)
    feedback_closed(cohort)
    return responses


def test_the_academy_sees_only_its_own_cohorts(academy_admin, cohort):
    answered(cohort, MIN_RESPONSES)
    other = EndedCohortFactory()
    answered(other, MIN_RESPONSES, comments="Another academy's comment")
    client = as_user(academy_admin)

    listing = client.get(reverse("evaluation:academy_feedback")).content.decode()
    assert cohort.name in listing
    assert other.name not in listing
    assert client.get(reverse("evaluation:cohort_feedback", args=[cohort.pk])).status_code == 200
    assert client.get(reverse("evaluation:cohort_feedback", args=[other.pk])).status_code == 404


def test_results_are_suppressed_below_the_threshold(academy_admin, cohort):
    answered_and_closed(cohort, MIN_RESPONSES - 1, rating_overall=1, comments="Hidden comment")
    client = as_user(academy_admin)

    detail = client.get(reverse("evaluation:cohort_feedback", args=[cohort.pk])).content.decode()
    listing = client.get(reverse("evaluation:academy_feedback")).content.decode()
    programme_page = Client().get(reverse("programmes:detail", args=[cohort.programme.slug])).content.decode()

    assert "Hidden comment" not in detail
    assert "not shown" in detail and "not shown" in listing
    assert "1.0" not in detail + listing
    assert "What participants say" not in programme_page

    # The programme's page above was cached without the panel: a new cohort resets the cache, and once its
    # feedback closes with enough answers, the page shows their average, the hidden cohort's left out.
    shown = EndedCohortFactory(programme=cohort.programme, academy=cohort.academy)
    answered(shown, MIN_RESPONSES - 1, rating_overall=2)
    answered_and_closed(shown, 1, rating_overall=3)
    detail = client.get(reverse("evaluation:cohort_feedback", args=[shown.pk])).content.decode()
    programme_page = Client().get(reverse("programmes:detail", args=[cohort.programme.slug])).content.decode()
    assert "1.0" not in detail
    assert "2.2" in detail  # (4 × 2 + 3) / 5
    assert "What participants say" in programme_page
    assert "rate the programme 2.2 out of 5" in programme_page


def test_a_year_counts_only_cohorts_whose_results_are_shown(academy_admin, cohort):
    answered_and_closed(cohort, MIN_RESPONSES, rating_overall=4)
    hidden = EndedCohortFactory(programme=cohort.programme, academy=cohort.academy)
    answered_and_closed(hidden, MIN_RESPONSES - 1, rating_overall=1)

    feedback = as_user(academy_admin).get(reverse("evaluation:academy_feedback")).context["feedback"]

    (year,) = feedback.years
    assert year.responses == MIN_RESPONSES
    assert year.averages[0][1] == 4.0


def test_free_text_is_escaped(academy_admin, cohort):
    answered_and_closed(cohort, MIN_RESPONSES, comments=SCRIPT)

    detail = as_user(academy_admin).get(reverse("evaluation:cohort_feedback", args=[cohort.pk])).content.decode()

    assert SCRIPT not in detail
    assert escape(SCRIPT) in detail


def test_the_academy_list_makes_the_same_number_of_queries_for_more_cohorts(academy_admin, cohort):
    answered_and_closed(cohort, MIN_RESPONSES)
    client = as_user(academy_admin)
    client.get(reverse("evaluation:academy_feedback"))  # the signed-in user is now in the cache
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("evaluation:academy_feedback"))
    for _ in range(3):
        answered_and_closed(EndedCohortFactory(programme=cohort.programme, academy=cohort.academy), MIN_RESPONSES)
    with CaptureQueriesContext(connection) as four:
        client.get(reverse("evaluation:academy_feedback"))
    assert len(four) == len(one)


def test_the_django_admin_cannot_add_or_change_an_answer(cohort):
    response = answered(cohort, 1)[0]
    admin_client = as_user(UserFactory(national_admin=True))

    assert admin_client.get(reverse("admin:evaluation_feedbackresponse_add")).status_code == 403
    admin_client.post(reverse("admin:evaluation_feedbackresponse_change", args=[response.pk]), answers())
    response.refresh_from_db()
    assert response.rating_overall == 4
