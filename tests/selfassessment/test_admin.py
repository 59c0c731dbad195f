"""The Django admin shows self-assessments to national admins and changes nothing: the answers are the person's own,
written only through the service."""

import pytest
from django.test import Client
from django.urls import reverse

from selfassessment.models import SelfAssessment
from tests.portal.factories import UserFactory
from tests.selfassessment.factories import assessment_taken

pytestmark = pytest.mark.django_db


def test_a_national_admin_can_neither_add_nor_change_an_assessment(dimensions):
    assessment = assessment_taken(UserFactory(), dimensions, 2)
    client = Client()
    client.force_login(UserFactory(national_admin=True))

    added = client.post(reverse("admin:selfassessment_selfassessment_add"), {"person": assessment.person_id})
    changed = client.post(
        reverse("admin:selfassessment_selfassessment_change", args=[assessment.pk]),
        {"person": UserFactory().pk, "ratings-TOTAL_FORMS": "0", "ratings-INITIAL_FORMS": "0"},
    )

    assert added.status_code == 403
    assert changed.status_code == 403
    assert SelfAssessment.objects.get().person_id == assessment.person_id
    assert sorted(assessment.ratings.values_list("score", flat=True)) == [2] * 9
    assert client.get(reverse("admin:selfassessment_selfassessment_change", args=[assessment.pk])).status_code == 200
