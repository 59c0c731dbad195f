"""Every page a person needs is reached from where they start, not only by typing its address: the pages of issue
20 (improvement projects, feedback, self-assessment, follow-up answers) from the academy workspace, My learning and
the ICS and national reports."""

import pytest
from django.urls import reverse

from tests.academies.factories import AcademyAdminFactory
from tests.portal.factories import IcsLeadFactory, UserFactory

pytestmark = pytest.mark.django_db


def links_on(client, user, address: str) -> set[str]:
    client.force_login(user)
    response = client.get(address)
    assert response.status_code == 200
    return {link.split('"')[0] for link in response.content.decode().split('href="')[1:]}


def test_the_academy_workspace_links_to_what_academies_review_and_read(client):
    links = links_on(client, AcademyAdminFactory().user, reverse("enrolment:workspace"))

    assert {
        reverse("improvement:review_list"),
        reverse("evaluation:academy_feedback"),
        reverse("selfassessment:academy"),
    } <= links


def test_my_learning_links_to_the_persons_own_development_pages(client):
    links = links_on(client, UserFactory(with_profile=True), reverse("enrolment:learning"))

    assert {reverse("selfassessment:mine"), reverse("improvement:mine"), reverse("progression:mine")} <= links


def test_the_ics_dashboard_and_the_national_view_link_to_the_systems_projects(client):
    lead = IcsLeadFactory()
    dashboard = reverse("reporting:ics_dashboard", args=[lead.ics.slug])

    assert reverse("improvement:systems") in links_on(client, lead.user, dashboard)
    national = UserFactory(national_admin=True)
    assert reverse("improvement:systems") in links_on(client, national, reverse("reporting:national"))
