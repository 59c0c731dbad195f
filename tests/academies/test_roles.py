"""academies.permissions: the roles a person holds, read with the signed-in user, kept in the cache only until they
change (tests/academies/test_signed_in_cache.py)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from academies.permissions import Roles, user_roles
from portal.models import IcsLead
from tests.academies.factories import AcademyAdminFactory
from tests.portal.factories import IcsLeadFactory, UserFactory

pytestmark = pytest.mark.django_db

LINKS = {"Academy": "/academy/", "ICS dashboard": "/ics/", "National view": "/national/"}


def header_links(client) -> set[str]:
    html = client.get("/nowhere/").content.decode()
    return {label for label, url in LINKS.items() if f'href="{url}">{label}</a>' in html}


@pytest.mark.parametrize(
    ("make", "links"),
    [
        (lambda: UserFactory(), set()),
        (lambda: AcademyAdminFactory().user, {"Academy"}),
        (lambda: IcsLeadFactory().user, {"ICS dashboard"}),
        (lambda: UserFactory(is_national_admin=True), {"National view"}),
    ],
)
def test_the_header_links_to_what_each_role_may_use(client, make, links):
    client.force_login(make())

    assert header_links(client) == links


def test_a_signed_in_page_reads_the_user_and_their_roles_in_one_query(client):
    client.force_login(IcsLeadFactory().user)  # the session is in the cache; the user is not yet

    with CaptureQueriesContext(connection) as queries:
        client.get("/nowhere/")

    assert len(queries) == 1, [query["sql"] for query in queries]
    assert "portal_icslead" in queries[0]["sql"] and "academies_academyadmin" in queries[0]["sql"]


def test_a_role_taken_away_is_gone_on_the_next_page(client):
    lead = IcsLeadFactory()
    client.force_login(lead.user)
    assert header_links(client) == {"ICS dashboard"}

    IcsLead.objects.filter(pk=lead.pk).delete()

    assert header_links(client) == set()


def test_the_roles_of_someone_not_signed_in_here_are_read_from_the_database():
    admin = AcademyAdminFactory().user

    assert user_roles(UserFactory()) == Roles()
    assert user_roles(admin) == Roles(is_academy_admin=True)
