"""A certificate says who vouches for it: the academy that ran the cohort, with the cohort's dates, or, for an
open-access programme, that the learner declared the completion themselves."""


import pytest
from django.urls import reverse
from django.utils import dateformat, timezone

from enrolment.models import Certificate
from enrolment.services.completion import completion_record
from enrolment.services.open_access import enrolment_complete, enrolment_start
from tests.academies.factories import AcademyAdminFactory, AcademyFactory
from tests.enrolment.factories import ApplicationFactory, CohortFactory
from tests.portal.factories import UserFactory
from tests.programmes.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


def test_a_cohort_certificate_names_the_academy_that_ran_it_and_the_cohorts_dates(client):
    provider = AcademyFactory(name="Provider Academy")
    runner = AcademyFactory(local_partner=True, name="Running Academy")
    programme = ProgrammeFactory(provider=provider, delivering_academies=[runner])
    cohort = CohortFactory(programme=programme, academy=runner, starts_in_days=-90, lasts_days=60, closed=True)
    learner = ApplicationFactory(cohort=cohort, accepted=True)
    admin = AcademyAdminFactory(academy=runner).user

    completion_record(admin=admin, cohort_id=cohort.pk, outcomes={learner.pk: True}, cpd_hours=None)
    html = client.get(reverse("enrolment:certificate", args=[Certificate.objects.get().code])).content.decode()

    assert "Running Academy" in html
    assert "Provider Academy" not in html
    for day in (cohort.starts_on, cohort.ends_on):
        assert dateformat.format(day, "j F Y") in html
    assert "self-declared" not in html


def test_an_open_access_certificate_says_the_completion_is_self_declared(client):
    programme = ProgrammeFactory(open_access=True, provider=AcademyFactory(name="Provider Academy"))
    learner = UserFactory()
    enrolment = enrolment_start(learner=learner, programme=programme)

    certificate = enrolment_complete(enrolment_id=enrolment.pk, learner=learner, cpd_hours=10)
    html = client.get(reverse("enrolment:certificate", args=[certificate.code])).content.decode()

    assert "Self-declared completion" in html
    assert "no academy checked it" in html
    assert dateformat.format(timezone.localdate(), "j F Y") in html
