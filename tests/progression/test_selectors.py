"""follow_up_outcomes: what the progression funnel counts, per point, against a hand count."""

import pytest
from django.utils import timezone

from enrolment.models import Application
from progression.selectors import follow_up_outcomes
from tests.progression.factories import FollowUpFactory, completed_place

pytestmark = pytest.mark.django_db


def _answered(point=6, **answers):
    grade = answers.pop("grade", "band_5")
    application = completed_place(months_ago=point, grade=grade)
    return FollowUpFactory(application=application, point=point, answered_at=timezone.now(), **answers)


def test_outcomes_match_a_hand_count():
    _answered(role_changed=True, band="band_6", new_responsibilities=True)  # band up from 5
    _answered(role_changed=True, band="band_5", new_responsibilities=False)  # same band
    _answered(role_changed=False, band="band_4", new_responsibilities=True)  # band down
    _answered(role_changed=True, band="consultant", new_responsibilities=False, grade="sas")  # on no ladder
    FollowUpFactory()  # asked, not answered
    _answered(point=12, role_changed=True, band="band_8a", new_responsibilities=True, grade="band_7")
    left_out = _answered(point=12, role_changed=True, band="band_9", new_responsibilities=True)

    outcomes = follow_up_outcomes(Application.objects.exclude(pk=left_out.application_id))

    assert outcomes == {
        6: {"asked": 5, "answered": 4, "role_changed": 3, "band_up": 1, "new_responsibilities": 2},
        12: {"asked": 1, "answered": 1, "role_changed": 1, "band_up": 1, "new_responsibilities": 1},
    }


def test_no_follow_ups_count_zero_in_one_query(django_assert_num_queries):
    with django_assert_num_queries(1):
        outcomes = follow_up_outcomes(Application.objects.all())

    assert outcomes[6] == outcomes[12] == dict.fromkeys(outcomes[6], 0)
