"""Where a cohort or a session is held reads the same on every page and e-mail that says it (enrolment/venues.py):
online, the venue, or "venue to be confirmed" while an in-person cohort has none yet."""

import pytest
from django.urls import reverse

from enrolment.application_pages import cohort_choice_label
from enrolment.confirmations import confirmation_for
from enrolment.models import Status
from tests.enrolment.factories import ApplicationFactory, CohortFactory
from tests.enrolment.timetable_factories import add_sessions

pytestmark = pytest.mark.django_db

HELD = [
    ({"is_online": True, "venue": ""}, "online", "Online"),
    ({"is_online": False, "venue": "Salford Education Centre"}, "Salford Education Centre", "Salford Education Centre"),
    ({"is_online": False, "venue": ""}, "venue to be confirmed", "Venue to be confirmed"),
]


@pytest.mark.parametrize(("fields", "where", "place"), HELD)
def test_a_cohort_and_its_sessions_say_where_they_are_held(fields, where, place):
    cohort = CohortFactory(**fields)
    session = add_sessions(cohort, 1)[0]
    session.is_online, session.venue = fields["is_online"], fields["venue"]

    assert (cohort.where, cohort.place) == (where, place)
    assert (session.where, session.place) == (where, place)


@pytest.mark.parametrize(("fields", "where", "place"), HELD)
def test_the_application_the_confirmation_and_the_programme_page_use_the_same_words(client, fields, where, place):
    cohort = CohortFactory(**fields)
    accepted = ApplicationFactory(cohort=cohort, programme=cohort.programme, status=Status.ACCEPTED)

    assert f", {where}. " in cohort_choice_label(cohort)
    assert any(step.endswith(f", {where}.") for step in confirmation_for(accepted).next_steps)
    page = client.get(reverse("programmes:detail", args=[cohort.programme.slug])).content.decode()
    assert f'<dd class="nhsuk-summary-list__value">{place}' in page
