"""The ICS lead's dashboard shows declarations for ring-fenced places only as counts per cohort, suppressed when
small, on the page and in its CSV: never who declared."""

import csv
import io

import pytest
from django.urls import reverse

from enrolment.models import RingFenceDeclaration
from reporting.tables import SUPPRESSED
from tests.enrolment.allocation_factories import PlaceAllocationFactory
from tests.enrolment.factories import ApplicationFactory, CohortFactory
from tests.portal.factories import IcsLeadFactory, OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

RULE = "Staff who declare the published rule of the programme (Demo rule)"


def declared(cohort, organisation, how_many):
    allocation = PlaceAllocationFactory(
        cohort=cohort, ics=None, ring_fence_rule=RULE, ring_fence_source="https://example.nhs.test/"
    )
    people = []
    for n in range(how_many):
        applicant = UserFactory(full_name=f"Declarant {cohort.name} {n}")
        application = ApplicationFactory(
            applicant=applicant, cohort=cohort, organisation=organisation, under_review=True
        )
        RingFenceDeclaration.objects.create(application=application, allocation=allocation, rule=RULE)
        people.append(applicant)
    return people


@pytest.fixture
def setting():
    organisation = OrganisationFactory()
    people = declared(CohortFactory(name="Few cohort"), organisation, 2)
    people += declared(CohortFactory(name="Many cohort"), organisation, 6)
    people += declared(CohortFactory(name="Elsewhere cohort"), OrganisationFactory(), 7)
    return organisation.ics, people


def test_the_lead_sees_the_counts_suppressed_when_small_and_never_a_person(client, setting):
    ics, people = setting
    client.force_login(IcsLeadFactory(ics=ics).user)

    page = client.get(reverse("reporting:ics_dashboard", args=[ics.slug])).content.decode()

    section = page.split('id="ring-fence"', 1)[1].split('id="equality"', 1)[0]
    assert "Few cohort" in section and "Many cohort" in section and "Elsewhere cohort" not in section
    assert SUPPRESSED in section and ">6<" in section.replace(" ", "").replace("\n", "")
    assert RULE not in page
    assert not [person for person in people if person.full_name in page or person.email in page]


def test_the_csv_has_the_same_counts_and_no_person(client, setting):
    ics, people = setting
    client.force_login(IcsLeadFactory(ics=ics).user)

    response = client.get(reverse("reporting:ics_export", args=[ics.slug, "ring_fence"]))

    text = response.content.decode()
    header, *rows = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    assert response.status_code == 200
    assert header == ["Cohort", "Applicants who declared"]
    assert {cohort.rsplit(", ", 1)[1]: declared for cohort, declared in rows} == {
        "Few cohort": SUPPRESSED,
        "Many cohort": "6",
    }
    assert RULE not in text
    assert not [person for person in people if person.full_name in text or person.email in text]


def test_another_systems_lead_cannot_see_the_counts(client, setting):
    ics, _ = setting
    client.force_login(IcsLeadFactory().user)

    assert client.get(reverse("reporting:ics_dashboard", args=[ics.slug])).status_code == 404
    assert client.get(reverse("reporting:ics_export", args=[ics.slug, "ring_fence"])).status_code == 404
