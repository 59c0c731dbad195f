"""The differencing attack on feedback: the academy (or anyone, on the programme's public page) looks, one more
participant answers, they look again and subtract. Were the averages shown while answers still came in, the
sixth answer would come out exactly (the first test shows it would); as published, only once a cohort's feedback
has closed, the two looks around any one answer are the same, so the subtraction recovers nothing. Figures over
several cohorts move only by a whole closed cohort of 5 or more, whose own average the academy sees anyway."""

import pytest
from django.db.models import Avg
from django.test import Client
from django.urls import reverse

from enrolment.models import Application
from evaluation.models import MIN_RESPONSES, FeedbackResponse
from evaluation.selectors import academy_feedback, cohort_feedback, programme_panel_context
from evaluation.services import Answers, feedback_response_create
from portal.privacy import personal_data_erase
from tests.evaluation.factories import EndedCohortFactory, FeedbackResponseFactory, feedback_closed, participant_of
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db

SIXTH = Answers(
    ratings={"rating_overall": 1, "rating_content": 1, "rating_facilitation": 1, "rating_organisation": 1},
    comments="The sixth answer",
)


def looks(user, cohort) -> tuple:
    """Every figure printed of the academy's feedback and the programme's average. (Not the comments: free text
    is no figure to subtract, and erasure must empty the person's own.)"""
    feedback = academy_feedback(user=user)
    return (
        [(cohort.pk, results) for cohort, results in feedback.cohorts],
        feedback.years,
        cohort_feedback(user=user, cohort_id=cohort.pk).results,
        programme_panel_context(cohort.programme),
    )


def five(cohort, rating=4):
    for _ in range(MIN_RESPONSES):
        FeedbackResponseFactory(cohort=cohort, rating_overall=rating)


def test_an_average_shown_as_answers_come_in_would_give_the_sixth_answer_away(cohort):
    five(cohort)
    of_five = FeedbackResponse.objects.aggregate(average=Avg("rating_overall"))["average"]
    FeedbackResponseFactory(cohort=cohort, rating_overall=1)
    of_six = FeedbackResponse.objects.aggregate(average=Avg("rating_overall"))["average"]

    assert round(6 * of_six - 5 * of_five) == 1


def test_one_more_answer_while_feedback_is_open_changes_nothing_printed(academy_admin, cohort):
    five(cohort)
    sixth = participant_of(cohort).applicant
    first_look = looks(academy_admin, cohort)

    feedback_response_create(respondent=sixth, cohort_id=cohort.pk, answers=SIXTH)
    second_look = looks(academy_admin, cohort)

    assert first_look == second_look
    (_, results), = first_look[0]
    assert results.is_open and results.responses is None and results.averages is None
    assert first_look[1:] == ([], results, None)


def test_once_closed_nobody_can_answer_and_erasure_moves_nothing(academy_admin, cohort):
    five(cohort)
    answered = FeedbackResponseFactory(cohort=cohort, rating_overall=1).respondent
    late = participant_of(cohort).applicant
    feedback_closed(cohort)
    first_look = looks(academy_admin, cohort)

    with pytest.raises(Exception, match="not open"):
        feedback_response_create(respondent=late, cohort_id=cohort.pk, answers=SIXTH)
    Application.objects.filter(applicant=answered).update(status=Application.Status.COMPLETED)
    personal_data_erase(user=answered)
    second_look = looks(academy_admin, cohort)

    assert first_look == second_look
    assert first_look[0][0][1].responses == 6
    late_page = Client()
    late_page.force_login(late)
    assert late_page.get(reverse("evaluation:answer", args=[cohort.pk])).status_code == 404


def test_the_programme_average_moves_only_by_a_whole_closed_cohort_of_5_or_more(academy_admin, cohort):
    five(cohort)
    feedback_closed(cohort)
    small = EndedCohortFactory(programme=cohort.programme, academy=cohort.academy)
    big = EndedCohortFactory(programme=cohort.programme, academy=cohort.academy)
    seen = [programme_panel_context(cohort.programme)]
    for later in (small, big):
        for _ in range(MIN_RESPONSES - 1 if later is small else MIN_RESPONSES):
            FeedbackResponseFactory(cohort=later, rating_overall=2)
            seen.append(programme_panel_context(cohort.programme))
    feedback_closed(small)
    seen.append(programme_panel_context(cohort.programme))

    assert seen == [{"average": 4.0, "responses": 5}] * len(seen), "no one answer, nor a closed cohort of 4, moved it"

    feedback_closed(big)
    assert programme_panel_context(cohort.programme) == {"average": 3.0, "responses": 10}
    # What the move tells is the big cohort's own average over its 5 answers, which the academy sees anyway.
    (big_results,) = [results for shown, results in academy_feedback(user=academy_admin).cohorts if shown == big]
    assert big_results.averages[0][1] == 2.0


def test_the_django_admin_cannot_delete_an_answer(cohort):
    response = FeedbackResponseFactory(cohort=cohort)
    client = Client()
    client.force_login(UserFactory(national_admin=True))

    page = client.post(reverse("admin:evaluation_feedbackresponse_delete", args=[response.pk]), {"post": "yes"})

    assert page.status_code == 403
    assert FeedbackResponse.objects.filter(pk=response.pk).exists()


def test_a_year_moves_only_by_a_whole_closed_cohort(academy_admin, cohort):
    five(cohort)
    feedback_closed(cohort)
    before = academy_feedback(user=academy_admin).years
    later = EndedCohortFactory(programme=cohort.programme, academy=cohort.academy)
    for _ in range(MIN_RESPONSES):
        FeedbackResponseFactory(cohort=later, rating_overall=1)
        assert academy_feedback(user=academy_admin).years == before
    assert before[0].responses == MIN_RESPONSES
