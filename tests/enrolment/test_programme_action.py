"""The programme page's one button: every state it can be in, and why."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from enrolment.selectors import cohort_upcoming_list, programme_action
from enrolment.services.open_access import enrolment_start
from programmes.models import Programme
from tests.enrolment.factories import ApplicationFactory, CohortFactory
from tests.portal.factories import ProfessionFactory, StaffProfileFactory, UserFactory
from tests.programmes.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


def action_for(user, programme):
    cohorts = list(cohort_upcoming_list(today=timezone.localdate()).filter(programme=programme))
    return programme_action(user=user, programme=programme, cohorts=cohorts)


@pytest.fixture
def staff():
    return UserFactory(with_profile=True)


def test_open_access_offers_enrol_now_then_my_learning(staff):
    programme = ProgrammeFactory(open_access=True)

    assert action_for(AnonymousUser(), programme).state == "sign_in"
    assert action_for(staff, programme).label == "Enrol now"
    enrolment_start(learner=staff, programme=programme)
    assert action_for(staff, programme).state == "enrolled"


def test_an_open_cohort_offers_apply(staff):
    cohort = CohortFactory()

    action = action_for(staff, cohort.programme)

    assert (action.state, action.label, action.method) == ("apply", "Apply", "get")
    assert action_for(AnonymousUser(), cohort.programme).label == "Log in to apply"


def test_a_full_cohort_offers_the_waiting_list(staff):
    cohort = CohortFactory(capacity=1)
    ApplicationFactory(cohort=cohort, accepted=True)

    action = action_for(staff, cohort.programme)

    assert action.state == "full"
    assert action.label == "Apply for the waiting list"


def test_a_window_not_yet_open_says_when_it_opens(staff):
    cohort = CohortFactory(opens_later=True)

    action = action_for(staff, cohort.programme)

    assert action.state == "opens_later"
    opens = timezone.localtime(cohort.applications_open_at)
    assert f"{opens.day} {opens:%B %Y}" in action.message


def test_no_open_cohort_is_closed(staff):
    cohort = CohortFactory(closed=True)

    assert action_for(staff, cohort.programme).state == "closed"


def test_an_existing_application_is_linked_instead_of_a_second(staff):
    cohort = CohortFactory()
    ApplicationFactory(applicant=staff, cohort=cohort, waitlisted=True)

    action = action_for(staff, cohort.programme)

    assert action.state == "applied"
    assert "waiting list" in action.message


def test_a_profession_the_programme_is_not_for_says_why_not():
    nurse, doctor = ProfessionFactory(name="Nurse"), ProfessionFactory(name="Consultant")
    programme = ProgrammeFactory(open_to_all_professions=False, professions=[doctor])
    CohortFactory(programme=programme)
    user = StaffProfileFactory(profession=nurse).user

    action = action_for(user, programme)

    assert action.state == "not_eligible"
    assert "for consultant" in action.message
    assert "you are a nurse" in action.message


def test_a_programme_whose_access_the_sources_do_not_state_is_joined_through_an_academys_cohort(staff):
    programme = ProgrammeFactory(access="")

    action = action_for(staff, programme)

    assert action.state == "no_cohort"
    assert action.message == "No academy runs a cohort of this programme on the portal yet."
    assert programme.provider.name not in action.message
    CohortFactory(programme=programme)
    assert action_for(staff, programme).state == "apply"


def test_the_button_needs_at_most_two_queries_whatever_the_cohorts(staff, django_assert_max_num_queries):
    programme = ProgrammeFactory(access=Programme.Access.BY_APPLICATION)
    for days in range(10):
        CohortFactory(programme=programme, starts_in_days=60 + days)
    cohorts = list(cohort_upcoming_list(today=timezone.localdate() - timedelta(days=1)).filter(programme=programme))

    with django_assert_max_num_queries(2):
        programme_action(user=staff, programme=programme, cohorts=cohorts)
