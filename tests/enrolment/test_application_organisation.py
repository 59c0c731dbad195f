"""An application's organisation is where the applicant's profile says they work: the "Your job" page and "Check
your answers" show it with a link to the organisation picker (which comes back), nothing posted to the pages sets it,
and the submitted application records the profile's organisation as it is then."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse

from enrolment.models import Application, Status
from enrolment.services.applications import application_start
from portal.models import StaffProfile
from tests.enrolment.factories import CohortFactory, answer_pages
from tests.portal.factories import OrganisationFactory, UserFactory
from tests.programmes.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft():
    cohort = CohortFactory(programme=ProgrammeFactory(line_manager_support_required=False))
    applicant = UserFactory(with_profile=True, profile__organisation__name="Riverside Hospital")
    return application_start(applicant=applicant, programme=cohort.programme)


@pytest.fixture
def signed_in(client, draft):
    client.force_login(draft.applicant)
    return client


def job_page(draft) -> str:
    return reverse("enrolment:application_page", args=[draft.pk, "your-job"])


def check_page(draft) -> str:
    return reverse("enrolment:application_check", args=[draft.pk])


def picker(next_url: str) -> str:
    return f"{reverse('organisation_pick')}?{urlencode({'next': next_url})}"


def test_the_job_page_shows_the_profiles_organisation_with_a_link_to_change_it_that_comes_back(signed_in, draft):
    html = signed_in.get(job_page(draft)).content.decode()

    assert "Riverside Hospital" in html
    assert f'href="{picker(job_page(draft))}">Change your organisation</a>' in html
    assert "<select name=\"organisation\"" not in html


@pytest.mark.parametrize(
    ("profile", "shown"),
    [
        ({"organisation": None, "unlisted_organisation_name": "St Elsewhere"}, "St Elsewhere (not listed yet"),
        ({"organisation": None, "unlisted_organisation_name": ""}, "Not given"),
    ],
)
def test_the_job_page_shows_an_unlisted_name_or_not_given(signed_in, draft, profile, shown):
    StaffProfile.objects.filter(user=draft.applicant).update(**profile)

    assert shown in signed_in.get(job_page(draft)).content.decode()


@pytest.mark.parametrize(
    "organisation",
    [lambda: OrganisationFactory(is_closed=True), lambda: OrganisationFactory(is_demo=True)],
    ids=["closed", "demo"],
)
def test_a_closed_or_demo_organisation_posted_to_the_job_page_changes_nothing(signed_in, draft, organisation):
    profile_before = StaffProfile.objects.values().get(user=draft.applicant)

    response = signed_in.post(job_page(draft), {"organisation": organisation().pk, "job_title": "Sister"})

    assert response.status_code == 302
    assert Application.objects.get(pk=draft.pk).organisation == draft.applicant.profile.organisation
    assert StaffProfile.objects.values().get(user=draft.applicant) == profile_before


def test_check_your_answers_shows_the_organisation_with_a_change_link_to_the_picker(signed_in, draft):
    html = signed_in.get(check_page(draft)).content.decode()

    assert "Riverside Hospital" in html
    assert f'href="{picker(check_page(draft))}">Change<span class="nhsuk-u-visually-hidden"> organisation' in html


def test_the_submitted_application_records_the_organisation_the_profile_has_then(signed_in, draft):
    answer_pages(
        signed_in, draft, {"where": f"cohort:{draft.programme.cohorts.get().pk}", "supporting_statement": "Go"}
    )
    moved = OrganisationFactory(name="Hillside Practice")

    changed = signed_in.post(picker(check_page(draft)), {"organisation": moved.pk})
    assert changed.url == check_page(draft)
    assert "Hillside Practice" in signed_in.get(check_page(draft)).content.decode()
    signed_in.post(check_page(draft))

    application = Application.objects.get(pk=draft.pk)
    assert (application.status, application.organisation) == (Status.UNDER_REVIEW, moved)
