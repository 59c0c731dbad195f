"""The random audit of feedback's suppression: whatever the number of answers per cohort, no figure of fewer than
MIN_RESPONSES answers is printed, and no year's figure, less the cohorts printed, gives a hidden cohort away."""

import pytest
from django.db import transaction
from hypothesis import given, settings
from hypothesis import strategies as st

from evaluation.models import MIN_RESPONSES
from evaluation.selectors import academy_feedback
from tests.academies.factories import AcademyAdminFactory
from tests.evaluation.factories import EndedCohortFactory, FeedbackResponseFactory

pytestmark = pytest.mark.django_db

cohorts = st.lists(st.lists(st.integers(min_value=1, max_value=5), max_size=8), min_size=1, max_size=4)


@settings(max_examples=25, deadline=None)
@given(cohorts)
def test_no_printed_figure_rests_on_fewer_answers_nor_gives_a_hidden_one_away(ratings_by_cohort):
    with transaction.atomic():
        academy_admin = AcademyAdminFactory()
        for ratings in ratings_by_cohort:
            cohort = EndedCohortFactory(programme__provider=academy_admin.academy)
            for rating in ratings:
                FeedbackResponseFactory(cohort=cohort, rating_overall=rating)

        feedback = academy_feedback(user=academy_admin.user)

        shown = [results for _, results in feedback.cohorts if results.shown]
        assert all(results.responses >= MIN_RESPONSES for results in shown)
        assert all(not results.shown for _, results in feedback.cohorts if results.responses < MIN_RESPONSES)
        # All the cohorts end in one year: the year is exactly the printed cohorts, nothing more.
        if shown:
            (year,) = feedback.years
            assert year.responses == sum(results.responses for results in shown)
        else:
            assert feedback.years == []
        transaction.set_rollback(True)
