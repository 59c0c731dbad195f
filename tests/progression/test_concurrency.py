"""Two workers at once: the beat task on both asks each completion once and e-mails it once; the same link
confirmed twice at once saves one answer."""

import pytest
from django.core import mail

from progression.links import follow_up_link_token
from progression.models import FollowUp
from progression.services import follow_up_answer, follow_ups_ask_due
from tests.conftest import run_at_once
from tests.progression.factories import FollowUpFactory, completed_place

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.usefixtures("tasks_run_in_process")
def test_two_workers_asking_at_once_email_each_person_once():
    places = [completed_place(months_ago=7) for _ in range(3)]

    escaped = run_at_once(lambda _: follow_ups_ask_due(), range(2))

    assert escaped == []
    assert FollowUp.objects.filter(application__in=places).count() == 3
    assert sorted(message.to[0] for message in mail.outbox) == sorted(place.applicant.email for place in places)


def test_the_same_link_confirmed_twice_at_once_saves_one_answer():
    follow_up = FollowUpFactory()
    token = follow_up_link_token(follow_up)
    bands = ["band_6", "band_8a"]

    escaped = run_at_once(
        lambda band: follow_up_answer(token=token, role_changed=True, band=band, new_responsibilities=True), bands
    )

    assert [str(error) for error in escaped] == [
        "This link has already been used. You can see and change your answers in your account."
    ]
    follow_up.refresh_from_db()
    assert follow_up.band in bands
