"""A person's profile in the Django admin (the user page's inline) sets their organisation under the rule people pick
theirs by: a name they gave for an unlisted organisation goes once one is set, and a closed organisation (other than
the one they have) or, for a real person, a demo one is refused with a message, changing nothing."""

import pytest

from portal.models import StaffProfile
from tests.portal.factories import OrganisationFactory, UserFactory
from tests.support.html_forms import forms_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def person():
    profile = {"profile__organisation": None, "profile__unlisted_organisation_name": "St Elsewhere"}
    return UserFactory(with_profile=True, **profile)


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(national_admin=True))
    return client


def save_with_organisation(client, person, organisation):
    """Posts the user's admin page as it stands, with the profile's organisation set to `organisation`."""
    url = f"/admin/portal/user/{person.pk}/change/"
    form = next(form for form in forms_of(client.get(url).content.decode()) if "email" in form.fields)
    return client.post(url, {**form.as_sent(), "profile-0-organisation": organisation.pk})


def test_setting_an_organisation_in_the_admin_clears_the_unlisted_name(admin_client, person):
    chosen = OrganisationFactory(name="Hillside Practice")

    response = save_with_organisation(admin_client, person, chosen)

    assert response.status_code == 302
    profile = StaffProfile.objects.get(user=person)
    assert (profile.organisation, profile.unlisted_organisation_name) == (chosen, "")


@pytest.mark.parametrize(
    ("organisation", "message"),
    [
        ({"is_closed": True}, "This organisation has closed: choose the one you work for now."),
        ({"is_demo": True}, "This is a demo organisation: choose the one you work for."),
    ],
    ids=["closed", "demo"],
)
def test_a_closed_or_demo_organisation_is_refused_in_the_admin_and_changes_nothing(
    admin_client, person, organisation, message
):
    before = StaffProfile.objects.values().get(user=person)

    response = save_with_organisation(admin_client, person, OrganisationFactory(**organisation))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert StaffProfile.objects.values().get(user=person) == before


def test_a_closed_organisation_the_person_already_has_stays_when_the_admin_saves(admin_client):
    closed = OrganisationFactory(is_closed=True)
    person = UserFactory(with_profile=True, profile__organisation=closed)

    response = save_with_organisation(admin_client, person, closed)

    assert response.status_code == 302
    assert StaffProfile.objects.get(user=person).organisation == closed
