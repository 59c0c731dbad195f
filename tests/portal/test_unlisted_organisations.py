"""A person whose organisation is not listed gives its name; a national admin maps each name to an organisation,
for everyone who gave it, in one audited transaction (portal.organisations.unlisted_organisation_map)."""

import pytest
from django.urls import reverse

from portal.models import AuditEntry, StaffProfile
from portal.organisations import OrganisationChoiceError, unlisted_organisation_map
from portal.personal_data import PERSONAL_DATA
from tests.academies.factories import AcademyAdminFactory
from tests.portal.factories import IcsLeadFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db
UNLISTED = reverse("organisation_unlisted")
LIST = reverse("unlisted_organisations")
MAP = reverse("unlisted_organisation_map")


def person_naming(name: str, **user):
    person = UserFactory(with_profile=True, **user)
    StaffProfile.objects.filter(user=person).update(organisation=None, unlisted_organisation_name=name)
    return person


@pytest.fixture
def national_admin(client):
    admin = UserFactory(national_admin=True)
    client.force_login(admin)
    return admin


def test_a_person_names_an_organisation_that_is_not_listed(client):
    person = UserFactory(with_profile=True)
    client.force_login(person)

    response = client.post(UNLISTED, {"name": "  St  Elsewhere   Community Clinic "})

    assert response.status_code == 302
    profile = StaffProfile.objects.get(user=person)
    assert (profile.organisation, profile.unlisted_organisation_name) == (None, "St Elsewhere Community Clinic")
    assert "St Elsewhere Community Clinic" in client.get(reverse("profile")).content.decode()


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Enter the name of your organisation"),
        ("   ", "Enter the name of your organisation"),
        ("x" * 201, "The name of your organisation must be 200 characters or fewer"),
        ("St\x00Elsewhere", "Enter this on one line, without line breaks or tabs"),
        ("St\rElsewhere", "Enter this on one line, without line breaks or tabs"),
    ],
)
def test_an_empty_long_or_hostile_name_is_refused_with_a_message_and_changes_nothing(client, name, message):
    person = UserFactory(with_profile=True)
    before = StaffProfile.objects.values().get(user=person)
    client.force_login(person)

    response = client.post(UNLISTED, {"name": name})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert StaffProfile.objects.values().get(user=person) == before


def test_the_page_lists_names_grouped_ignoring_capitals_with_counts(client, national_admin):
    person_naming("St Elsewhere")
    person_naming("st elsewhere")
    person_naming("Far Away Hospice")

    html = client.get(LIST).content.decode()

    assert ">2</td>" in html and ">1</td>" in html
    assert html.index("lsewhere") < html.index("Far Away Hospice")
    assert f"{MAP}?name=Far%20Away%20Hospice" in html


def test_the_list_is_paged_and_costs_the_same_queries_however_many_names(
    client, national_admin, django_assert_max_num_queries
):
    person_naming("Name 0")
    with django_assert_max_num_queries(20) as first:
        client.get(LIST)
    for number in range(1, 40):
        person_naming(f"Name {number}")
    with django_assert_max_num_queries(len(first.captured_queries)):
        html = client.get(LIST).content.decode()
    assert html.count(">Map<") == 25
    assert 'aria-label="Pagination"' in html


def test_mapping_sets_the_organisation_for_everyone_who_gave_the_name_and_is_audited(client, national_admin):
    first, second, other = person_naming("St Elsewhere"), person_naming("ST ELSEWHERE"), person_naming("Far Away")
    organisation = OrganisationFactory(name="St Elsewhere Hospital", ods_code="RZZ")

    page = client.get(MAP, {"name": "st elsewhere", "q": "RZZ"}).content.decode()
    response = client.post(f"{MAP}?q=RZZ", {"name": "st elsewhere", "organisation": organisation.pk})

    assert "2 people named their organisation" in page and "St Elsewhere Hospital (RZZ)" in page
    assert response.status_code == 302
    for mapped in (first, second):
        profile = StaffProfile.objects.get(user=mapped)
        assert (profile.organisation, profile.unlisted_organisation_name) == (organisation, "")
    assert StaffProfile.objects.get(user=other).unlisted_organisation_name == "Far Away"
    entry = AuditEntry.objects.get(action=AuditEntry.Action.UNLISTED_ORGANISATION_MAPPED)
    assert (entry.actor, entry.object_id) == (national_admin, str(organisation.pk))
    assert "Elsewhere" not in entry.summary and "2 staff profiles" in entry.summary


@pytest.mark.parametrize(
    ("organisation", "message"),
    [
        (lambda: OrganisationFactory(is_closed=True), "This organisation has closed"),
        (lambda: OrganisationFactory(is_demo=True), "This is a demo organisation"),
    ],
    ids=["closed", "demo"],
)
def test_the_service_refuses_a_closed_organisation_or_a_demo_one_for_real_people(national_admin, organisation, message):
    person = person_naming("St Elsewhere")

    with pytest.raises(OrganisationChoiceError, match=message):
        unlisted_organisation_map(name="St Elsewhere", organisation=organisation(), by=national_admin)

    assert StaffProfile.objects.get(user=person).unlisted_organisation_name == "St Elsewhere"
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.UNLISTED_ORGANISATION_MAPPED).exists()


def test_demo_people_may_be_mapped_to_a_demo_organisation(national_admin):
    person = person_naming("Demo Clinic", is_demo=True)
    demo = OrganisationFactory(is_demo=True)

    assert unlisted_organisation_map(name="Demo Clinic", organisation=demo, by=national_admin) == 1
    assert StaffProfile.objects.get(user=person).organisation == demo


def test_only_a_national_admin_maps():
    person_naming("St Elsewhere")
    with pytest.raises(OrganisationChoiceError, match="Only a national admin"):
        unlisted_organisation_map(name="St Elsewhere", organisation=OrganisationFactory(), by=UserFactory())


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"organisation": "closed"}, "Choose the organisation from the list"),
        ({"organisation": "demo"}, "This is a demo organisation"),
        ({"organisation": "999999999"}, "Choose the organisation from the list"),
        ({"organisation": "<script>"}, "Choose the organisation from the list"),
        ({}, "Select the organisation"),
    ],
)
def test_a_closed_demo_unknown_or_missing_choice_posted_to_the_page_changes_nothing(
    client, national_admin, data, message
):
    person = person_naming("St Elsewhere")
    choices = {"closed": OrganisationFactory(is_closed=True).pk, "demo": OrganisationFactory(is_demo=True).pk}
    posted = {"name": "St Elsewhere", **{key: choices.get(value, value) for key, value in data.items()}}

    response = client.post(MAP, posted)

    assert response.status_code == 200
    assert message in response.content.decode()
    assert StaffProfile.objects.get(user=person).unlisted_organisation_name == "St Elsewhere"


@pytest.mark.parametrize("name", ["", "Nobody gave this", "x" * 5000, "\x00"])
def test_a_name_nobody_gave_is_not_found(client, national_admin, name):
    person_naming("St Elsewhere")
    assert client.get(MAP, {"name": name}).status_code == 404
    assert client.post(MAP, {"name": name, "organisation": OrganisationFactory().pk}).status_code == 404


@pytest.mark.parametrize("role", ["staff", "academy_admin", "ics_lead"])
def test_nobody_but_a_national_admin_opens_or_posts_the_pages(client, role):
    user = {
        "staff": lambda: UserFactory(),
        "academy_admin": lambda: AcademyAdminFactory().user,
        "ics_lead": lambda: IcsLeadFactory().user,
    }[role]()
    person = person_naming("St Elsewhere")
    client.force_login(user)

    assert client.get(LIST).status_code == 403
    assert client.post(MAP, {"name": "St Elsewhere", "organisation": OrganisationFactory().pk}).status_code == 403
    assert StaffProfile.objects.get(user=person).unlisted_organisation_name == "St Elsewhere"


def test_the_django_admin_shows_the_name_and_cannot_change_it(client, national_admin):
    person = person_naming("St Elsewhere")
    page = client.get(f"/admin/portal/user/{person.pk}/change/").content.decode()
    profile = person.profile

    response = client.post(
        f"/admin/portal/user/{person.pk}/change/",
        {
            "email": person.email,
            "full_name": person.full_name,
            "is_active": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "09:00:00",
            "profile-TOTAL_FORMS": "1",
            "profile-INITIAL_FORMS": "1",
            "profile-0-id": profile.pk,
            "profile-0-user": person.pk,
            "profile-0-unlisted_organisation_name": "Changed in the admin",
        },
    )

    assert "St Elsewhere" in page
    assert response.status_code == 302
    assert StaffProfile.objects.get(user=person).unlisted_organisation_name == "St Elsewhere"


def test_the_name_is_in_the_persons_data_download_and_goes_on_erasure():
    person = person_naming("St Elsewhere")

    assert PERSONAL_DATA.export(person)["staff_profile"]["unlisted_organisation_name"] == "St Elsewhere"
    PERSONAL_DATA.erase(person)
    assert StaffProfile.objects.get(user=person).unlisted_organisation_name == ""
