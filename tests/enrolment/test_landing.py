"""After signing in, each role starts where its work is, and a safe `next` wins over that."""

import pytest
from django.urls import reverse

from enrolment.services import open_access
from tests.academies.factories import AcademyAdminFactory
from tests.enrolment.factories import ApplicationFactory
from tests.portal.factories import TEST_PASSWORD, IcsLeadFactory, UserFactory
from tests.programmes.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


def sign_in(client, user, next_url=None):
    """Posts the log-in form as a browser would, and follows the redirects to where the person lands."""
    path = reverse("login") + (f"?next={next_url}" if next_url else "")
    response = client.post(path, {"username": user.email, "password": TEST_PASSWORD}, follow=True)
    assert response.status_code == 200
    return response.redirect_chain[-1][0]


def test_staff_with_applications_land_on_my_applications(client):
    applicant = UserFactory(with_profile=True)
    ApplicationFactory(applicant=applicant)
    assert sign_in(client, applicant) == reverse("enrolment:applications")


def test_staff_with_nothing_yet_land_on_the_catalogue(client):
    assert sign_in(client, UserFactory(with_profile=True)) == reverse("programmes:list")


def test_staff_who_only_enrolled_land_on_my_learning(client):
    learner = UserFactory(with_profile=True)
    open_access.enrolment_start(learner=learner, programme=ProgrammeFactory(open_access=True))
    assert sign_in(client, learner) == reverse("enrolment:learning")


def test_academy_admins_land_on_their_workspace(client):
    assert sign_in(client, AcademyAdminFactory().user) == reverse("enrolment:workspace")


def test_ics_leads_land_on_their_own_dashboard(client):
    lead = IcsLeadFactory()
    assert sign_in(client, lead.user) == reverse("reporting:ics_dashboard", args=[lead.ics.slug])


def test_national_admins_land_on_the_national_view(client):
    assert sign_in(client, UserFactory(national_admin=True)) == reverse("reporting:national")


def test_a_next_on_this_site_is_respected(client):
    wanted = reverse("enrolment:learning")
    assert sign_in(client, AcademyAdminFactory().user, next_url=wanted) == wanted


@pytest.mark.parametrize("outside", ["https://evil.example/phish", "//evil.example/", "https:/evil.example"])
def test_a_next_to_another_site_is_ignored(client, outside):
    response = client.post(
        reverse("login") + f"?next={outside}", {"username": AcademyAdminFactory().user.email, "password": TEST_PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == reverse("enrolment:start")


def test_a_signed_in_person_opening_the_log_in_page_goes_where_their_work_is(client):
    client.force_login(AcademyAdminFactory().user)
    response = client.get(reverse("login"), follow=True)
    assert response.redirect_chain[-1][0] == reverse("enrolment:workspace")
