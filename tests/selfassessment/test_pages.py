"""The self-assessment through its pages, posted straight to the URLs: ratings saved only when whole and on the
scale, where to develop with programmes and their reasons, the change since last time, and nobody else's answers."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from selfassessment.models import Rating, SelfAssessment
from tests.portal.factories import UserFactory
from tests.programmes.factories import ProgrammeFactory
from tests.selfassessment.factories import assessment_taken
from tests.support.django_messages import django_defaults_in

pytestmark = pytest.mark.django_db

TAKE = reverse("selfassessment:take")


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def answers(dimensions, scores) -> dict:
    return {f"dimension_{dimension.pk}": str(score) for dimension, score in zip(dimensions, scores, strict=True)}


def test_a_whole_self_assessment_is_saved_and_shown(dimensions):
    person = UserFactory()
    scores = [3, 2, 4, 3, 3, 1, 2, 4, 3]

    response = as_user(person).post(TAKE, answers(dimensions, scores), follow=True)

    assessment = SelfAssessment.objects.get(person=person)
    assert response.redirect_chain[-1][0] == assessment.get_absolute_url()
    assert [rating.score for rating in assessment.ratings.order_by("dimension__position")] == scores
    assert "1 – Not yet" in response.text
    assert "the portal's own self-rating" in response.text


@pytest.mark.parametrize(
    "change",
    [
        {"score": "5"},  # off the scale
        {"score": "0"},
        {"score": "two"},
        {"score": ""},  # one dimension not answered
    ],
)
def test_bad_ratings_give_the_field_an_error_and_save_nothing(dimensions, change):
    data = answers(dimensions, [3] * 9)
    data[f"dimension_{dimensions[5].pk}"] = change["score"]

    response = as_user(UserFactory()).post(TAKE, data)

    assert response.status_code == 200
    errors = response.context["form"].errors
    assert list(errors) == [f"dimension_{dimensions[5].pk}"]
    assert "Engaging the team" in errors[f"dimension_{dimensions[5].pk}"][0]
    assert django_defaults_in(response.text) == []
    assert not SelfAssessment.objects.exists()
    assert not Rating.objects.exists()


def test_lowest_dimensions_recommend_programmes_tagged_with_them_with_reasons(dimensions):
    person = UserFactory()
    engaging, holding = dimensions[5], dimensions[6]
    both = ProgrammeFactory(title="Team and account", development_areas=[engaging, holding])
    one = ProgrammeFactory(title="Team only", development_areas=[engaging])
    ProgrammeFactory(title="Elsewhere", development_areas=[dimensions[0]])
    demo = ProgrammeFactory(title="Demo team programme", development_areas=[engaging], is_demo=True)
    assessment = assessment_taken(person, dimensions, [3, 3, 3, 3, 3, 1, 1, 3, 3])

    response = as_user(person).get(assessment.get_absolute_url())

    recommendations = response.context["report"].recommendations
    assert [r.programme for r in recommendations] == [both, one, demo]  # real first, more matches first
    assert recommendations[1].reasons == ["develops Engaging the team, which you rated 1 (Not yet)"]
    assert "develops Engaging the team, which you rated 1 (Not yet)" in response.text
    assert "Elsewhere" not in response.text
    assert "a Demo programme, not a real one" in response.text


def test_the_recommendations_take_a_fixed_number_of_queries(dimensions):
    person = UserFactory()
    assessment = assessment_taken(person, dimensions, [1] * 9)
    ProgrammeFactory(development_areas=dimensions[:2])
    client = as_user(person)
    client.get(assessment.get_absolute_url())
    with CaptureQueriesContext(connection) as few:
        client.get(assessment.get_absolute_url())
    for _ in range(4):
        ProgrammeFactory(development_areas=dimensions[:3])

    with CaptureQueriesContext(connection) as many:
        response = client.get(assessment.get_absolute_url())

    assert len(response.context["report"].recommendations) == 5
    assert len(many) == len(few)


def test_taken_again_it_shows_the_change_on_each_dimension(dimensions):
    person = UserFactory()
    assessment_taken(person, dimensions, [1, 2, 2, 2, 2, 2, 2, 2, 2], taken_at=timezone.now() - timedelta(days=200))
    again = assessment_taken(person, dimensions, [3, 2, 1, 2, 2, 2, 2, 2, 2])

    response = as_user(person).get(again.get_absolute_url())

    rows = response.context["report"].rows
    assert [row.change for row in rows[:3]] == [2, 0, -1]
    assert "Up 2" in response.text
    assert "Down 1" in response.text
    assert "No change" in response.text


def test_another_persons_self_assessment_is_not_found(dimensions):
    assessment = assessment_taken(UserFactory(), dimensions, 2)

    response = as_user(UserFactory()).get(assessment.get_absolute_url())

    assert response.status_code == 404


def test_the_list_shows_only_the_persons_own(dimensions):
    person = UserFactory()
    own = assessment_taken(person, dimensions, 2)
    other = assessment_taken(UserFactory(), dimensions, 2)

    response = as_user(person).get(reverse("selfassessment:mine"))

    assert own.get_absolute_url() in response.text
    assert other.get_absolute_url() not in response.text
