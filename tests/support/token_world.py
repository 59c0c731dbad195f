"""The requests of the token matrix (tests/support/token_matrix.py): the access world (access_world.build_world)
with academy A's API tokens in every state, one request header per column, and the academy routes of the
resolver with the methods their views have."""

import json
from dataclasses import dataclass

from django.db import transaction
from django.test import Client
from django.utils import timezone

from academies.api_tokens import academy_api_token_create, academy_api_token_revoke
from academies.models import AcademyAdmin, AcademyApiToken
from api.authentication import AcademyTokenAuthentication
from enrolment.models import Application
from tests.academies.factories import AcademyAdminFactory
from tests.enrolment.factories import ApplicationFactory
from tests.support.access_world import Url, World, portal_urls
from tests.support.token_matrix import BODIES, COLUMNS

ACADEMY_ROUTES = "api/v1/academy/"


@dataclass(frozen=True)
class Column:
    client: Client
    authorization: str | None  # the Authorization header, or None for none


def academy_api_urls() -> list[Url]:
    """The resolver's academy API routes: those under /api/v1/academy/, and any other taking an academy token."""
    return [
        url
        for url in portal_urls()
        if url.route.startswith(ACADEMY_ROUTES)
        or AcademyTokenAuthentication in getattr(view_class(url), "authentication_classes", ())
    ]


def view_class(url: Url):
    return getattr(url.pattern.callback, "cls", None) or getattr(url.pattern.callback, "view_class", None)


def view_methods(url: Url) -> frozenset[str]:
    """The methods the route's view has itself (HEAD and OPTIONS come with every view)."""
    view = view_class(url)
    return frozenset(method for method in ("GET", "POST", "PUT", "PATCH", "DELETE") if hasattr(view, method.lower()))


def _token(admin, scope="read-write"):
    created = academy_api_token_create(
        actor=admin.user, academy_id=admin.academy_id, name=f"Matrix {scope}", scope=scope, expires_in_days=30
    )
    return created.token, f"Bearer {created.plain}"


def build_columns(world: World) -> dict[str, Column]:
    """A request header per column, made on academy A of `world` (and the other academy's admin)."""
    admin = AcademyAdmin.objects.get(user=world.users["academy_admin"])
    other = AcademyAdmin.objects.get(user=world.users["other_academy_admin"])
    revoked, revoked_header = _token(admin)
    academy_api_token_revoke(actor=admin.user, token_id=revoked.pk)
    expired, expired_header = _token(admin)
    AcademyApiToken.objects.filter(pk=expired.pk).update(expires_at=timezone.now())
    departed = AcademyAdminFactory(academy=admin.academy)
    _, orphan_header = _token(departed)
    departed.delete()
    headers = {
        "none": None,
        "malformed": "Bearer lpa_0123abcd.one two",
        "unknown": "Bearer lpa_0123abcd.nobody-made-this-token",
        "revoked": revoked_header,
        "expired": expired_header,
        "orphan": orphan_header,
        "other": _token(other)[1],
        "read": _token(admin, "read")[1],
        "write": _token(admin)[1],
        "session": None,
    }
    assert set(headers) == set(COLUMNS)
    signed_in = Client(raise_request_exception=False)
    signed_in.force_login(admin.user)
    anonymous = Client(raise_request_exception=False)
    return {name: Column(signed_in if name == "session" else anonymous, header) for name, header in headers.items()}


def decidable_application(world: World) -> None:
    """The decision route's application: one under review at academy A, so a read-write token's decision is made."""
    offered = Application.objects.get(pk=world.parameters["api:academy_application"]["pk"])
    under_review = ApplicationFactory(cohort=offered.cohort, under_review=True)
    world.parameters["api:academy_application_decision"] = {"pk": under_review.pk}


def ask(column: Column, method: str, path: str, name: str) -> tuple[int, str]:
    """One request in a savepoint rolled back after it, so a write changes nothing another cell sees.
    Returns the status and the content type."""
    headers = {"Authorization": column.authorization} if column.authorization else {}
    body = json.dumps(BODIES.get((name, method), {})) if method in ("POST", "PUT", "PATCH") else None
    with transaction.atomic():
        response = column.client.generic(method, path, body or "", content_type="application/json", headers=headers)
        transaction.set_rollback(True)
    return response.status_code, response.get("Content-Type", "")
