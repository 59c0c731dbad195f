import pytest
from django.urls import reverse

from portal.models import StaffProfile
from tests.portal.factories import OrganisationFactory, UserFactory
from tests.programmes.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["home", "about", "register", "login", "password_reset", "programmes:list"])
def test_public_pages_answer_without_signing_in(client, name):
    assert client.get(reverse(name)).status_code == 200


def test_the_profile_needs_a_login_and_redirects_to_it(client):
    response = client.get(reverse("profile"))

    assert response.status_code == 302
    assert response.url == f"{reverse('login')}?next={reverse('profile')}"


@pytest.mark.parametrize("url", ["/programmes/no-such-programme/", "/academies/no-such-academy/", "/nowhere/"])
def test_an_unknown_address_is_an_nhs_style_404(client, url):
    response = client.get(url)

    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert "nhsuk-header" in response.content.decode()


def test_a_programme_page_shows_its_facts_and_says_what_the_sources_do_not(client):
    programme = ProgrammeFactory(title="Mary Seacole programme", duration_months=6, cost="")

    html = client.get(programme.get_absolute_url()).content.decode()

    assert "Mary Seacole programme" in html
    assert "6 months" in html
    assert "Not stated in the published sources" in html


def test_saving_the_profile_updates_it(client):
    user = UserFactory(with_profile=True)
    organisation = user.profile.organisation
    client.force_login(user)

    response = client.post(
        reverse("profile"),
        {"organisation": OrganisationFactory().pk, "grade": "band_6", "job_title": "Ward manager", "staff_group": ""},
    )

    assert response.status_code == 302
    profile = StaffProfile.objects.get(user=user)
    # The organisation is chosen on its own page (tests/portal/test_organisation_search.py): posted here, it is ignored.
    assert (profile.organisation, profile.grade, profile.job_title) == (organisation, "band_6", "Ward manager")


def test_a_profile_with_an_unknown_organisation_is_refused_and_nothing_changes(client):
    user = UserFactory(with_profile=True)
    before = StaffProfile.objects.values().get(user=user)
    client.force_login(user)

    response = client.post(reverse("organisation_pick"), {"organisation": 999999})

    assert response.status_code == 200
    assert 'id="id_organisation_error"' in response.content.decode()
    assert StaffProfile.objects.values().get(user=user) == before


def test_logging_out_needs_a_post(client):
    client.force_login(UserFactory())

    assert client.get(reverse("logout")).status_code == 405
    assert client.post(reverse("logout")).status_code == 302
