"""The person sees their own follow-up answers in their account and may change them while the link would still
work; nobody else sees them."""

import pytest
from dateutil.relativedelta import relativedelta
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from progression.models import FollowUpError
from progression.services import follow_up_change
from tests.portal.factories import UserFactory
from tests.progression.factories import FollowUpFactory, completed_place

pytestmark = pytest.mark.django_db

ANSWERS = {"role_changed": "no", "band": "band_6", "new_responsibilities": "yes"}


@pytest.fixture
def follow_up():
    return FollowUpFactory(role_changed=True, band="band_7", new_responsibilities=False, answered_at=timezone.now())


def test_the_person_sees_and_changes_their_answers(client, follow_up):
    client.force_login(follow_up.application.applicant)

    page = client.get(reverse("progression:mine"))
    assert "Band 7" in page.text
    assert follow_up.application.programme.title in page.text

    changed = client.post(reverse("progression:change", args=[follow_up.pk]), ANSWERS)

    assert changed.status_code == 302
    follow_up.refresh_from_db()
    assert (follow_up.role_changed, follow_up.band, follow_up.new_responsibilities) == (False, "band_6", True)


def test_a_closed_follow_up_cannot_be_changed(client, settings, follow_up):
    follow_up.asked_at = timezone.now() - relativedelta(days=settings.FOLLOW_UP_LINK_DAYS + 1)
    follow_up.save()
    client.force_login(follow_up.application.applicant)

    client.post(reverse("progression:change", args=[follow_up.pk]), ANSWERS)

    follow_up.refresh_from_db()
    assert follow_up.band == "band_7"
    assert "The time to change these answers has passed." in client.get(reverse("progression:mine")).text


def test_a_bad_answer_is_a_form_error_and_changes_nothing(client, follow_up):
    client.force_login(follow_up.application.applicant)

    page = client.post(reverse("progression:change", args=[follow_up.pk]), {**ANSWERS, "role_changed": "maybe"})

    assert page.status_code == 200
    assert "Select a valid choice" not in page.text
    assert "Choose whether your role has changed" in page.text
    follow_up.refresh_from_db()
    assert follow_up.role_changed is True


def test_another_persons_follow_up_is_not_found(client, follow_up):
    other = UserFactory()
    client.force_login(other)

    assert client.get(reverse("progression:change", args=[follow_up.pk])).status_code == 404
    assert client.post(reverse("progression:change", args=[follow_up.pk]), ANSWERS).status_code == 404
    assert follow_up.application.programme.title not in client.get(reverse("progression:mine")).text
    with pytest.raises(FollowUpError, match="no such follow-up"):
        follow_up_change(
            person=other, follow_up_id=follow_up.pk, role_changed=False, band="", new_responsibilities=False
        )
    follow_up.refresh_from_db()
    assert follow_up.band == "band_7"


def test_the_account_page_asks_a_constant_number_of_queries(client, django_assert_num_queries, follow_up):
    person = follow_up.application.applicant
    client.force_login(person)
    client.get(reverse("progression:mine"))  # the signed-in user is now in the cache
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("progression:mine"))
    for _ in range(3):
        FollowUpFactory(application=completed_place(months_ago=6, applicant=person))

    with django_assert_num_queries(len(one)):
        page = client.get(reverse("progression:mine"))
    assert page.text.count("Change your answers") == 1
