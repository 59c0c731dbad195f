import pytest

from academies.models import AcademyAdmin
from portal.models import AuditEntry
from tests.academies.factories import AcademyAdminFactory, AcademyFactory
from tests.portal.factories import IntegratedCareSystemFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_a_national_admin_makes_someone_an_academy_admin_in_the_django_admin(client):
    academy = AcademyFactory(local_partner=True)
    newcomer = UserFactory()
    client.force_login(UserFactory(national_admin=True))
    url = f"/admin/academies/academy/{academy.pk}/change/"

    response = client.post(
        url,
        {
            "name": academy.name,
            "slug": academy.slug,
            "kind": academy.kind,
            "parent": academy.parent_id,
            "region": academy.region_id,
            "admins-TOTAL_FORMS": "1",
            "admins-INITIAL_FORMS": "0",
            "admins-0-user": newcomer.pk,
            "admins-0-academy": academy.pk,
        },
    )

    assert response.status_code == 302, response.context["errors"] if response.context else response
    assert AcademyAdmin.objects.filter(academy=academy, user=newcomer).exists()


def test_staff_and_academy_admins_cannot_use_the_django_admin(client):
    client.force_login(UserFactory())

    response = client.get("/admin/academies/academy/")

    assert response.status_code == 302
    assert response.url.startswith("/admin/login/")


def test_the_academy_admins_added_and_removed_in_the_django_admin_are_granted_and_revoked_audited(client):
    academy = AcademyFactory()
    leaving = AcademyAdminFactory(academy=academy)
    newcomer = UserFactory()
    client.force_login(UserFactory(national_admin=True))

    response = client.post(
        f"/admin/academies/academy/{academy.pk}/change/",
        {
            "name": academy.name,
            "slug": academy.slug,
            "kind": academy.kind,
            "admins-TOTAL_FORMS": "2",
            "admins-INITIAL_FORMS": "1",
            "admins-0-id": leaving.pk,
            "admins-0-academy": academy.pk,
            "admins-0-DELETE": "on",
            "admins-1-user": newcomer.pk,
            "admins-1-academy": academy.pk,
        },
    )

    assert response.status_code == 302
    assert list(AcademyAdmin.objects.filter(academy=academy).values_list("user", flat=True)) == [newcomer.pk]
    actions = AuditEntry.objects.filter(object_type="academies.academyadmin").values_list("action", flat=True)
    assert sorted(actions) == [AuditEntry.Action.ROLE_GRANTED, AuditEntry.Action.ROLE_REVOKED]


def test_an_academy_admin_row_is_not_edited_in_place(client):
    academy = AcademyFactory()
    row = AcademyAdminFactory(academy=academy)
    client.force_login(UserFactory(national_admin=True))

    client.post(
        f"/admin/academies/academy/{academy.pk}/change/",
        {
            "name": academy.name,
            "slug": academy.slug,
            "kind": academy.kind,
            "admins-TOTAL_FORMS": "1",
            "admins-INITIAL_FORMS": "1",
            "admins-0-id": row.pk,
            "admins-0-academy": academy.pk,
            "admins-0-user": UserFactory().pk,
        },
    )

    assert AcademyAdmin.objects.get(pk=row.pk).user == row.user
    assert not AuditEntry.objects.exists()


def test_the_admin_links_an_academy_to_an_ics_and_refuses_a_demo_one_for_a_real_academy(client):
    academy = AcademyFactory()
    surrey = IntegratedCareSystemFactory(ods_code="QXU")
    demo = IntegratedCareSystemFactory(is_demo=True)
    client.force_login(UserFactory(national_admin=True))
    url = f"/admin/academies/academy/{academy.pk}/change/"
    data = {"name": academy.name, "slug": academy.slug, "kind": academy.kind, "admins-TOTAL_FORMS": "0"}
    data["admins-INITIAL_FORMS"] = "0"

    refused = client.post(url, {**data, "ics": demo.pk})
    linked = client.post(url, {**data, "ics": surrey.pk})

    assert "A real record cannot be linked to a demo ICS" in refused.content.decode()
    assert linked.status_code == 302
    academy.refresh_from_db()
    assert academy.ics == surrey
