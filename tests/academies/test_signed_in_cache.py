"""The signed-in user and their roles come from the cache (portal.signed_in), and every change that ends a role or
a session is refused at the person's very next request."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from academies.permissions import users_with_roles
from academies.services import academy_admin_revoke
from enrolment.models import Cohort
from portal.models import IcsLead
from portal.signed_in import signed_in_user_forget, signed_in_user_load
from tests.academies.factories import AcademyAdminFactory
from tests.enrolment.allocation_factories import PlaceAllocationFactory
from tests.portal.factories import TEST_PASSWORD, IcsLeadFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

WORKSPACE = "/academy/"


def queries_of(client, url: str) -> tuple[int, int]:
    """The status of a GET of `url`, and how many queries it made."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response.status_code, len(queries)


def signed_in_twice(client, user, url: str = WORKSPACE) -> int:
    """Signs `user` in and opens `url` twice, so that the session and the user are in the cache."""
    client.force_login(user)
    client.get(url)
    return client.get(url).status_code


def refused(response) -> bool:
    return response.status_code == 403 or (
        response.status_code == 302 and response.url.startswith(reverse("login"))
    )


def test_a_warm_signed_in_page_reads_neither_session_nor_user_from_the_database(client):
    client.force_login(IcsLeadFactory().user)
    cold = queries_of(client, "/nowhere/")

    warm = queries_of(client, "/nowhere/")

    assert cold == (404, 1) and warm == (404, 0)


def test_a_revoked_academy_admin_is_refused_at_the_very_next_request(client, django_capture_on_commit_callbacks):
    admin = AcademyAdminFactory()
    assert signed_in_twice(client, admin.user) == 200

    with django_capture_on_commit_callbacks(execute=True):
        academy_admin_revoke(actor=UserFactory(national_admin=True), admin_id=admin.pk)

    assert client.get(WORKSPACE).status_code == 403


def test_a_role_row_deleted_in_bulk_is_gone_at_the_next_request(client):
    lead = IcsLeadFactory()
    client.force_login(lead.user)
    client.get("/nowhere/")

    IcsLead.objects.filter(user=lead.user).delete()

    assert 'href="/ics/"' not in client.get("/nowhere/").content.decode()


@pytest.mark.parametrize("change", ["deactivated", "password changed", "national admin taken away"])
def test_a_change_to_the_user_is_seen_at_the_next_request(client, change):
    user = UserFactory(national_admin=True)
    AcademyAdminFactory(user=user)
    assert signed_in_twice(client, user) == 200

    fresh = get_user_model().objects.get(pk=user.pk)
    if change == "deactivated":
        fresh.is_active = False
    elif change == "password changed":
        fresh.set_password(TEST_PASSWORD + "-new")
    else:
        fresh.is_national_admin = False
    fresh.save()

    response = client.get("/national/")
    assert refused(response)


def test_a_session_ended_elsewhere_is_refused_at_the_next_request(client):
    user = AcademyAdminFactory().user
    assert signed_in_twice(client, user) == 200
    elsewhere = Client()
    elsewhere.cookies = client.cookies  # the same session, in another browser

    client.post(reverse("logout"))

    assert refused(elsewhere.get(WORKSPACE))


def test_signing_in_again_after_signing_out_works_from_a_fresh_copy(client):
    user = AcademyAdminFactory().user
    assert signed_in_twice(client, user) == 200
    client.post(reverse("logout"))

    assert refused(client.get(WORKSPACE))

    client.force_login(user)
    assert client.get(WORKSPACE).status_code == 200


def test_a_nominator_loses_the_nominate_link_when_the_allocation_moves_or_the_cohort_is_cancelled(client):
    first, second = UserFactory(), UserFactory()
    allocation = PlaceAllocationFactory(ics=None, organisation=OrganisationFactory(), nominator=first)
    header = "Nominate staff"
    client.force_login(first)
    assert header in client.get("/nowhere/").content.decode()

    allocation.nominator = second
    allocation.save()
    assert header not in client.get("/nowhere/").content.decode()

    client.force_login(second)
    assert header in client.get("/nowhere/").content.decode()
    cohort = Cohort.objects.get(pk=allocation.cohort_id)
    cohort.status = Cohort.Status.CANCELLED
    cohort.save()
    assert header not in client.get("/nowhere/").content.decode()


def test_a_copy_loaded_while_the_user_changes_is_never_used():
    """A request that read the database before a change committed stores a copy under the version it read: the
    change gave a new one, so the copy is not used, and the next request loads the user again."""
    user = UserFactory()
    loads = []

    def load_while_changing():
        loads.append(1)
        signed_in_user_forget(user.pk)  # the change lands between this request's version read and its store
        return users_with_roles().get(pk=user.pk)

    signed_in_user_load(user.pk, load_while_changing)
    signed_in_user_load(user.pk, load_while_changing)

    assert len(loads) == 2
