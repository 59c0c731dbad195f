"""Single sign-on links in the Django admin: support sees them, cannot add or change one, and deletes a wrong one,
audited."""

import pytest

from portal.models import AuditEntry, ExternalIdentity
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def identity():
    return ExternalIdentity.objects.create(user=UserFactory(), issuer="https://login.example.test", subject="abc-123")


def test_support_sees_a_link_read_only(client, identity):
    client.force_login(UserFactory(national_admin=True))

    page = client.get(f"/admin/portal/externalidentity/{identity.pk}/change/")
    changed = client.post(f"/admin/portal/externalidentity/{identity.pk}/change/", {"subject": "someone-else"})

    assert page.status_code == 200
    assert "abc-123" in page.content.decode()
    assert client.get("/admin/portal/externalidentity/add/").status_code == 403
    assert changed.status_code == 403
    assert ExternalIdentity.objects.get(pk=identity.pk).subject == "abc-123"


def test_deleting_a_wrong_link_is_audited(client, identity):
    admin = UserFactory(national_admin=True)
    client.force_login(admin)

    response = client.post(f"/admin/portal/externalidentity/{identity.pk}/delete/", {"post": "yes"})

    assert response.status_code == 302
    assert not ExternalIdentity.objects.exists()
    entry = AuditEntry.objects.get(action=AuditEntry.Action.SIGN_IN_UNLINKED)
    assert (entry.actor, entry.object_id) == (admin, str(identity.pk))


def test_deleting_several_links_from_the_list_audits_each(client, identity):
    other = ExternalIdentity.objects.create(user=UserFactory(), issuer="https://login.example.test", subject="def")
    client.force_login(UserFactory(national_admin=True))

    client.post(
        "/admin/portal/externalidentity/",
        {"action": "delete_selected", "_selected_action": [identity.pk, other.pk], "post": "yes"},
    )

    assert not ExternalIdentity.objects.exists()
    assert AuditEntry.objects.filter(action=AuditEntry.Action.SIGN_IN_UNLINKED).count() == 2
