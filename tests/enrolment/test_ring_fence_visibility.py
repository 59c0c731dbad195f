"""A declaration for a ring-fenced place is shown only to the academy deciding the cohort: not to another academy's
admin, nor to an ICS lead, on the application's page or in the cohort's CSVs."""

import pytest
from django.urls import reverse

from enrolment.models import Application, Status
from enrolment.services.ring_fence import declaration_save, ring_fence_set
from tests.academies.factories import AcademyAdminFactory, AcademyFactory
from tests.enrolment.factories import ApplicationFactory, CohortFactory
from tests.portal.factories import IcsLeadFactory, OrganisationFactory

pytestmark = pytest.mark.django_db

RULE = "Staff who declare the published rule of the programme (Demo rule)"
KINDS = ["roster", "attendance", "outcomes"]


@pytest.fixture
def declared():
    cohort = CohortFactory(capacity=3, academy=AcademyFactory(local_partner=True))
    admin = AcademyAdminFactory(academy=cohort.academy).user
    kept = ring_fence_set(
        admin=admin, cohort_id=cohort.pk, places=1, rule=RULE, source="https://www.example.nhs.test/rules"
    )
    application = ApplicationFactory(cohort=cohort, organisation=OrganisationFactory(), status=Status.DRAFT)
    declaration_save(application_id=application.pk, applicant=application.applicant, allocation_ids=[kept.pk])
    Application.objects.filter(pk=application.pk).update(status=Status.ACCEPTED)
    return application, admin


def seen(client, application) -> list[str]:
    """What the application's page and its cohort's CSVs show this user of the declaration."""
    urls = [reverse("enrolment:academy_application", args=[application.pk])] + [
        reverse("enrolment:workspace_export", args=[application.cohort_id, kind]) for kind in KINDS
    ]
    found = []
    for url in urls:
        response = client.get(url)
        if response.status_code == 200 and RULE in response.content.decode():
            found.append(url)
    return found


def test_the_deciding_academy_sees_the_declaration_on_the_application(client, declared):
    application, admin = declared
    client.force_login(admin)

    assert seen(client, application) == [reverse("enrolment:academy_application", args=[application.pk])]


@pytest.mark.parametrize(
    "who",
    [
        lambda application: AcademyAdminFactory(academy=AcademyFactory(local_partner=True)).user,
        lambda application: IcsLeadFactory(ics=application.organisation.ics).user,
    ],
    ids=["another academy's admin", "the applicant's ICS lead"],
)
def test_nobody_else_sees_the_declaration(client, declared, who):
    application, _ = declared
    client.force_login(who(application))

    assert seen(client, application) == []
