"""A national admin links a funded scheme's allocation to an imported ICS in the Django admin, finding it by name or
ODS code; a demo and a real record are never linked, nor a system whose board has closed."""

import pytest

from portal.models import Organisation
from tests.portal.factories import IntegratedCareSystemFactory, OrganisationFactory, UserFactory
from tests.programmes.factories import FundedSchemeFactory, SchemeAllocationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def surrey():
    return IntegratedCareSystemFactory(name="NHS Surrey Heartlands ICB", ods_code="QXU")


def post_allocation(client, allocation, ics):
    scheme = allocation.scheme
    client.force_login(UserFactory(national_admin=True))
    return client.post(
        f"/admin/programmes/fundedscheme/{scheme.pk}/change/",
        {
            "slug": scheme.slug,
            "name": scheme.name,
            "funder": scheme.funder,
            **({"is_demo": "on"} if scheme.is_demo else {}),
            "sources": [source.pk for source in scheme.sources.all()],
            "allocations-TOTAL_FORMS": "1",
            "allocations-INITIAL_FORMS": "1",
            "allocations-0-id": allocation.pk,
            "allocations-0-scheme": scheme.pk,
            "allocations-0-area_name": allocation.area_name,
            "allocations-0-ics": ics.pk,
            "allocations-0-target_leaders": "500",
        },
    )


def allocation(*, is_demo=False):
    scheme = FundedSchemeFactory(is_demo=is_demo)
    return SchemeAllocationFactory(scheme=scheme, area_name="Surrey Heartlands", region=None, ics=None)


def test_the_admin_links_an_allocation_to_an_ics(client, surrey):
    chosen = allocation()

    response = post_allocation(client, chosen, surrey)

    assert response.status_code == 302
    chosen.refresh_from_db()
    assert chosen.ics == surrey


@pytest.mark.parametrize("term", ["QXU", "surrey"])
def test_the_admin_finds_the_ics_by_ods_code_or_name(client, surrey, term):
    IntegratedCareSystemFactory(name="Another system", ods_code="QKK")
    client.force_login(UserFactory(national_admin=True))

    response = client.get(
        "/admin/autocomplete/",
        {"app_label": "programmes", "model_name": "schemeallocation", "field_name": "ics", "term": term},
    )

    assert [result["text"] for result in response.json()["results"]] == [surrey.name]


def test_a_demo_schemes_allocation_is_not_linked_to_a_real_ics(client, surrey):
    chosen = allocation(is_demo=True)

    response = post_allocation(client, chosen, surrey)

    assert response.status_code == 200
    assert "A demo record cannot be linked to a real ICS" in response.content.decode()
    chosen.refresh_from_db()
    assert chosen.ics is None


def test_an_ics_whose_board_has_closed_is_not_chosen_but_a_link_made_before_is_kept(client, surrey):
    OrganisationFactory(ods_code="QXU", kind=Organisation.Kind.ICB, ics=surrey, is_closed=True)
    chosen = allocation()

    response = post_allocation(client, chosen, surrey)

    assert "This ICS&#x27;s board has closed" in response.content.decode()
    chosen.refresh_from_db()
    assert chosen.ics is None
    type(chosen).objects.filter(pk=chosen.pk).update(ics=surrey)
    assert post_allocation(client, chosen, surrey).status_code == 302
