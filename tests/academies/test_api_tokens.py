"""An academy admin creates, lists and revokes API tokens for their academy (issue 19 part 3): the token is shown
once and stored hashed; creation and revocation are audited; another academy's admin cannot touch them."""

import hashlib

import pytest
from django.urls import reverse

from academies.api_tokens import (
    ApiTokenError,
    academy_api_token_create,
    academy_api_token_resolve,
    academy_api_token_revoke,
)
from academies.models import AcademyApiToken
from portal.models import AuditEntry
from tests.academies.factories import AcademyAdminFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin():
    return AcademyAdminFactory()


def create(admin, **overrides):
    fields = {"name": "HR system", "scope": "read", "expires_in_days": 90} | overrides
    return academy_api_token_create(actor=admin.user, academy_id=admin.academy.pk, **fields)


def test_posting_the_page_shows_the_token_once_and_stores_only_its_hash(client, admin):
    client.force_login(admin.user)
    form = {"name": "HR system", "academy_id": admin.academy.pk, "scope": "read-write", "expires_in_days": "90"}
    response = client.post(reverse("roles:api_token_create"), form)
    token = AcademyApiToken.objects.get()
    plain = response.context["created"].plain
    assert plain.startswith(f"lpa_{token.prefix}.") and plain in response.content.decode()
    assert token.secret_hash == hashlib.sha256(plain.encode()).hexdigest()
    assert (token.academy, token.scope, token.created_by) == (admin.academy, "read-write", admin.user)
    listing = client.get(reverse("roles:api_tokens")).content.decode()
    assert "HR system" in listing and token.prefix in listing and plain not in listing
    assert AuditEntry.objects.filter(action=AuditEntry.Action.API_TOKEN_CREATED, actor=admin.user).count() == 1


@pytest.mark.parametrize(
    "change, field",
    [({"name": ""}, "name"), ({"name": "x" * 61}, "name"), ({"scope": "admin"}, "scope"),
     ({"expires_in_days": "9999"}, "expires_in_days")],
)
def test_bad_input_is_refused_on_its_field_and_nothing_is_created(client, admin, change, field):
    client.force_login(admin.user)
    form = {"name": "HR system", "academy_id": admin.academy.pk, "scope": "read", "expires_in_days": "90"} | change
    response = client.post(reverse("roles:api_token_create"), form)
    assert response.status_code == 200 and field in response.context["form"].errors
    assert not AcademyApiToken.objects.exists()


def test_another_academys_admin_can_create_no_token_for_it(client, admin):
    other = AcademyAdminFactory()
    client.force_login(other.user)
    form = {"name": "HR", "academy_id": admin.academy.pk, "scope": "read", "expires_in_days": "90"}
    response = client.post(reverse("roles:api_token_create"), form)
    assert "academy_id" in response.context["form"].errors
    with pytest.raises(ApiTokenError):
        academy_api_token_create(
            actor=other.user, academy_id=admin.academy.pk, name="HR", scope="read", expires_in_days=90
        )
    assert not AcademyApiToken.objects.exists()


def test_revoking_by_posting_stops_the_token_and_is_audited(client, admin):
    created = create(admin)
    assert academy_api_token_resolve(presented=created.plain) == created.token
    client.force_login(admin.user)
    response = client.post(reverse("roles:api_token_revoke", args=[created.token.pk]))
    assert response.status_code == 302
    assert academy_api_token_resolve(presented=created.plain) is None
    assert AuditEntry.objects.filter(action=AuditEntry.Action.API_TOKEN_REVOKED, actor=admin.user).count() == 1


def test_another_academys_admin_cannot_revoke_it(client, admin):
    created = create(admin)
    other = AcademyAdminFactory()
    client.force_login(other.user)
    assert client.post(reverse("roles:api_token_revoke", args=[created.token.pk])).status_code == 404
    with pytest.raises(ApiTokenError):
        academy_api_token_revoke(actor=other.user, token_id=created.token.pk)
    assert AcademyApiToken.objects.get().revoked_at is None


def test_a_token_stops_when_it_expires_is_altered_or_its_creator_no_longer_runs_the_academy(admin):
    created = create(admin)
    altered = created.plain[:-1] + ("B" if created.plain.endswith("A") else "A")
    assert academy_api_token_resolve(presented=altered) is None
    assert academy_api_token_resolve(presented="lpa_nothing.here") is None
    AcademyApiToken.objects.update(expires_at=created.token.created_at)
    assert academy_api_token_resolve(presented=created.plain) is None
    fresh = create(admin)
    admin.delete()
    assert academy_api_token_resolve(presented=fresh.plain) is None
