"""National admins grant and revoke academy admin and ICS lead roles in the portal (issue 17 part 6): through the
services, by posting straight to the pages, and through the Django admin; every change is audited and takes effect
at the person's next request."""

import pytest
from django.urls import reverse

from academies.models import AcademyAdmin
from academies.services import academy_admin_grant, academy_admin_revoke
from portal.models import AuditEntry, IcsLead
from portal.services import RoleError, ics_lead_grant, ics_lead_revoke
from tests.academies.factories import AcademyAdminFactory, AcademyFactory
from tests.portal.factories import IcsLeadFactory, IntegratedCareSystemFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def national_admin():
    return UserFactory(national_admin=True)


def test_granting_and_revoking_an_ics_lead_is_audited(national_admin):
    person, ics = UserFactory(), IntegratedCareSystemFactory()

    lead = ics_lead_grant(actor=national_admin, user=person, ics=ics)
    ics_lead_revoke(actor=national_admin, lead_id=lead.pk)

    assert not IcsLead.objects.exists()
    entries = AuditEntry.objects.filter(object_type="portal.icslead", object_id=str(lead.pk), actor=national_admin)
    assert sorted(entries.values_list("action", flat=True)) == ["role_granted", "role_revoked"]


def test_granting_a_role_twice_is_refused_and_changes_nothing(national_admin):
    admin = AcademyAdminFactory()

    with pytest.raises(RoleError, match="already an admin"):
        academy_admin_grant(actor=national_admin, user=admin.user, academy=admin.academy)

    assert AcademyAdmin.objects.count() == 1
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize("make_actor", [UserFactory, lambda: AcademyAdminFactory().user, lambda: IcsLeadFactory().user])
def test_only_a_national_admin_grants_or_revokes(make_actor):
    actor, admin = make_actor(), AcademyAdminFactory()
    held = AcademyAdmin.objects.count()

    with pytest.raises(RoleError, match="Only a national admin"):
        academy_admin_grant(actor=actor, user=UserFactory(), academy=admin.academy)
    with pytest.raises(RoleError, match="Only a national admin"):
        academy_admin_revoke(actor=actor, admin_id=admin.pk)
    with pytest.raises(RoleError, match="Only a national admin"):
        ics_lead_grant(actor=actor, user=UserFactory(), ics=IntegratedCareSystemFactory())

    assert AcademyAdmin.objects.count() == held
    assert not AuditEntry.objects.exists()


def test_revoking_a_role_already_revoked_is_refused(national_admin):
    lead = IcsLeadFactory()
    ics_lead_revoke(actor=national_admin, lead_id=lead.pk)

    with pytest.raises(RoleError, match="already been revoked"):
        ics_lead_revoke(actor=national_admin, lead_id=lead.pk)


def test_a_national_admin_grants_an_ics_lead_who_sees_the_dashboard_until_it_is_revoked(client, national_admin):
    person, ics = UserFactory(), IntegratedCareSystemFactory()
    dashboard = reverse("reporting:ics_dashboard", args=[ics.slug])
    lead_client = client.__class__()
    lead_client.force_login(person)
    assert lead_client.get(dashboard).status_code == 404
    client.force_login(national_admin)

    response = client.post(reverse("roles:grant", args=["ics-leads"]), {"email": person.email.upper(), "ics": ics.pk})

    assert response.status_code == 302
    assert lead_client.get(dashboard).status_code == 200
    lead = IcsLead.objects.get(user=person, ics=ics)
    assert "Revoke" in client.get(reverse("roles:home")).content.decode()

    assert client.post(reverse("roles:revoke", args=["ics-leads", lead.pk])).status_code == 302

    assert lead_client.get(dashboard).status_code == 404
    assert AuditEntry.objects.filter(action__in=["role_granted", "role_revoked"], actor=national_admin).count() == 2


def test_a_national_admin_grants_an_academy_admin_who_sees_the_workspace(client, national_admin):
    person, academy = UserFactory(), AcademyFactory()
    client.force_login(national_admin)

    client.post(reverse("roles:grant", args=["academy-admins"]), {"email": person.email, "academy": academy.pk})

    client.force_login(person)
    assert client.get(reverse("enrolment:workspace")).status_code == 200


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"email": "nobody@example.nhs.test"}, "email", "No account has this e-mail address"),
        ({"email": "not an address"}, "email", "Enter"),
        ({"ics": ""}, "ics", "Select the ICS"),
        ({"ics": "999999"}, "ics", "Choose the ICS from the list"),
    ],
)
def test_bad_input_to_the_grant_page_says_what_is_wrong_and_grants_nothing(
    client, national_admin, data, field, message
):
    ics = IntegratedCareSystemFactory()
    client.force_login(national_admin)

    response = client.post(
        reverse("roles:grant", args=["ics-leads"]), {"email": UserFactory().email, "ics": ics.pk} | data
    )

    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not IcsLead.objects.exists()
    assert not AuditEntry.objects.exists()


def test_granting_a_role_held_already_is_a_form_error(client, national_admin):
    lead = IcsLeadFactory()
    client.force_login(national_admin)

    response = client.post(reverse("roles:grant", args=["ics-leads"]), {"email": lead.user.email, "ics": lead.ics.pk})

    assert "already leads this ICS" in response.content.decode()
    assert IcsLead.objects.count() == 1


def test_an_unknown_kind_of_role_is_not_found(client, national_admin):
    client.force_login(national_admin)

    assert client.get(reverse("roles:grant", args=["kings"])).status_code == 404


def test_the_revoke_page_asks_first_and_revokes_only_on_post(client, national_admin):
    admin = AcademyAdminFactory()
    client.force_login(national_admin)

    page = client.get(reverse("roles:revoke", args=["academy-admins", admin.pk]))

    assert "Are you sure" in page.content.decode()
    assert AcademyAdmin.objects.filter(pk=admin.pk).exists()


def test_others_cannot_grant_by_posting(client):
    person, ics = UserFactory(), IntegratedCareSystemFactory()
    client.force_login(IcsLeadFactory().user)

    response = client.post(reverse("roles:grant", args=["ics-leads"]), {"email": person.email, "ics": ics.pk})

    assert response.status_code == 403
    assert not IcsLead.objects.filter(user=person).exists()


def test_the_roles_page_does_not_grow_its_queries_with_the_holders(
    client, national_admin, django_assert_max_num_queries
):
    client.force_login(national_admin)
    AcademyAdminFactory(), IcsLeadFactory()
    client.get(reverse("roles:home"))
    with django_assert_max_num_queries(8) as few:
        client.get(reverse("roles:home"))
    for _ in range(5):
        AcademyAdminFactory(), IcsLeadFactory()

    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse("roles:home"))


def test_the_django_admin_grants_and_revokes_an_ics_lead_through_the_services(client, national_admin):
    person, ics = UserFactory(), IntegratedCareSystemFactory()
    client.force_login(national_admin)

    response = client.post(reverse("admin:portal_icslead_add"), {"user": person.pk, "ics": ics.pk})

    assert response.status_code == 302
    lead = IcsLead.objects.get(user=person, ics=ics)
    client.post(reverse("admin:portal_icslead_delete", args=[lead.pk]), {"post": "yes"})
    assert not IcsLead.objects.exists()
    actions = AuditEntry.objects.filter(object_type="portal.icslead", actor=national_admin)
    assert sorted(actions.values_list("action", flat=True)) == ["role_granted", "role_revoked"]
