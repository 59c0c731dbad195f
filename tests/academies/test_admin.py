import pytest

from academies.models import AcademyAdmin
from tests.academies.factories import AcademyFactory
from tests.portal.factories import UserFactory

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
