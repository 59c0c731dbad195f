"""The service is the rule: a whole self-assessment on the scale, or nothing, whoever calls it."""

import re

import pytest

from selfassessment.models import Rating, SelfAssessment, SelfAssessmentError
from selfassessment.services import INCOMPLETE, OFF_THE_SCALE, self_assessment_record
from tests.portal.factories import UserFactory
from tests.programmes.factories import FrameworkElementFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("scores", "message"),
    [
        (lambda dims: {d.pk: 2 for d in dims[:-1]}, INCOMPLETE),  # a dimension left out
        (lambda dims: {**{d.pk: 2 for d in dims}, FrameworkElementFactory().pk: 2}, INCOMPLETE),  # another framework
        (lambda dims: {**{d.pk: 2 for d in dims}, dims[0].pk: 7}, OFF_THE_SCALE),
        (lambda dims: {**{d.pk: 2 for d in dims}, dims[0].pk: 0}, OFF_THE_SCALE),
    ],
)
def test_an_incomplete_or_off_scale_assessment_is_refused_whole(dimensions, scores, message):
    with pytest.raises(SelfAssessmentError, match=re.escape(message)):
        self_assessment_record(person=UserFactory(), scores=scores(dimensions))

    assert not SelfAssessment.objects.exists()
    assert not Rating.objects.exists()


def test_a_demo_persons_assessment_is_demo(dimensions):
    assessment = self_assessment_record(
        person=UserFactory(is_demo=True), scores={dimension.pk: 3 for dimension in dimensions}
    )

    assert assessment.is_demo
    assert assessment.ratings.count() == 9
