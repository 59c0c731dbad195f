"""Who may open what: every URL of the portal, as each role, answered as the written matrix
(tests/support/access_matrix.py) says.

The URLs come from the resolver, so a new URL without a row fails the test until someone decides, in the matrix,
who may open it. One small world (tests/support/access_world.py) fills every URL's parameters. Each request runs in
a savepoint that is rolled back, so a POST that succeeds changes nothing the next one sees. The URLs are asked in
three parts, each a test of its own.
"""

import uuid

import pytest
from django.core import signing
from django.test import Client
from django.urls import resolve, reverse

from enrolment.services.manager_support import SALT
from tests.support.access_matrix import ADMIN_EXCEPTIONS, ADMIN_MATRIX, MATRIX, ROLES, parse
from tests.support.access_world import address, ask, build_world, clients_for, portal_urls

pytestmark = pytest.mark.django_db


# The URLs in three parts of about the same size (the Django admin's, enrolment's and the API's, and the rest), each
# a test of its own so that they spread over the test run's processes; every URL is in one part.
PARTS = {"admin": "django_admin", "enrolment": "enrolment_and_api", "api": "enrolment_and_api"}


def part_of(url) -> str:
    return PARTS.get(url.key.split(":")[0], "everything_else")


@pytest.fixture
def world():
    return build_world()


@pytest.fixture
def clients(world):
    return clients_for(world)


def test_every_url_of_the_portal_has_a_row_in_the_matrix():
    rows = {name for name, _ in parse(MATRIX)} | {name for name, _ in parse(ADMIN_MATRIX)}
    missing = sorted({url.key for url in portal_urls()} - rows)
    assert missing == [], f"URLs with no row in the access matrix: {missing}"
    stale = sorted(rows - {url.key for url in portal_urls()})
    assert stale == [], f"matrix rows for URLs that no longer exist: {stale}"


@pytest.mark.parametrize("part", sorted({*PARTS.values(), "everything_else"}))
def test_every_url_answers_each_role_as_the_matrix_says(world, clients, part):
    expected = parse(MATRIX) | parse(ADMIN_MATRIX)
    wrong, observed = [], []
    for url in [url for url in portal_urls() if part_of(url) == part]:
        path = address(url, world)
        methods = ("GET",) if url.key.startswith("admin:") else ("GET", "POST")
        for method in methods:
            codes = tuple(ask(clients[role], method, path) for role in ROLES)
            want = expected.get((url.key, method), ())
            if url.model_admin:
                opts = url.model_admin.model._meta
                exception = ADMIN_EXCEPTIONS.get(f"{opts.label_lower}:{url.key.rsplit(':', 1)[1]}")
                want = want[:-1] + (exception,) if exception and want else want
            observed.append(f"{url.key:<40}{method:<8}" + "".join(f"{code:<7}" for code in codes) + f"  {path}")
            if codes != want:
                wrong.append(f"{url.key} {method} {path}: expected {' '.join(want)}, got {' '.join(codes)}")
    assert wrong == [], "\n".join(wrong) + "\n\nobserved:\n" + "\n".join(observed)


def test_manager_links_are_signed_tokens_not_application_ids(world):
    token = world.parameters["enrolment:manager_support"]["token"]
    payload = signing.loads(token, salt=SALT)
    assert resolve(reverse("enrolment:manager_support", kwargs={"token": token})).route == "line-manager/<str:token>/"
    client = Client()
    forged = signing.dumps(payload, salt=SALT, key="not-the-portal-secret-key")
    for guess in (str(payload["application"]), forged, token[:-2] + "xx"):
        assert client.get(reverse("enrolment:manager_support", kwargs={"token": guess})).status_code == 410
    assert client.get(reverse("enrolment:manager_support", kwargs={"token": token})).status_code == 200


def test_certificate_urls_are_random_uuids_not_ids(world):
    code = world.parameters["enrolment:certificate"]["code"]
    assert isinstance(code, uuid.UUID) and code.version == 4
    assert resolve(reverse("enrolment:certificate", kwargs={"code": code})).route == "certificates/<uuid:code>/"
    assert Client().get(f"/certificates/{uuid.uuid4()}/").status_code == 404
