"""A person's self-assessments are their own: in their download, gone on erasure, nobody else's touched."""

import pytest

from portal.privacy import personal_data_erase, personal_data_export
from selfassessment.models import Rating, SelfAssessment
from tests.portal.factories import UserFactory
from tests.selfassessment.factories import assessment_taken

pytestmark = pytest.mark.django_db


def test_the_download_holds_the_persons_own_ratings_only(dimensions):
    person = UserFactory()
    assessment_taken(person, dimensions, [1, 2, 3, 4, 1, 2, 3, 4, 1])
    assessment_taken(UserFactory(), dimensions, 4)

    exported = personal_data_export(user=person)["self_assessments"]

    assert len(exported) == 1
    assert exported[0]["ratings"]["Leading with care"] == 2
    assert exported[0]["ratings"]["Influencing for results"] == 1


def test_erasure_deletes_the_persons_assessments_only(dimensions):
    person, other = UserFactory(), UserFactory()
    assessment_taken(person, dimensions, 2)
    kept = assessment_taken(other, dimensions, 2)

    personal_data_erase(user=person)

    assert list(SelfAssessment.objects.all()) == [kept]
    assert Rating.objects.count() == 9
