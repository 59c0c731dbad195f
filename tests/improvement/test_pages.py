"""Improvement projects through their pages, posted straight to the URLs as a browser (or anyone) would: the whole
path from a draft to the public showcase and the programme's page, and what never gets there."""

from html import escape

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from improvement.models import ImprovementProject
from tests.academies.factories import AcademyAdminFactory
from tests.improvement.factories import ImprovementProjectFactory
from tests.portal.factories import IcsLeadFactory, OrganisationFactory, UserFactory
from tests.programmes.factories import FrameworkElementFactory
from tests.support.django_messages import django_defaults_in

pytestmark = pytest.mark.django_db

TITLE = "Fewer falls on the stroke ward"


def as_user(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def project_form(method, **changes) -> dict:
    return {
        "title": TITLE,
        "aim": "Halve falls among patients on the stroke ward.",
        "method": str(method.pk),
        "measure": "Falls per 1,000 bed days",
        "baseline": "8",
        "result": "",
        "teams": "Stroke ward nurses; physiotherapy",
        "organisations": "",
        **changes,
    }


def public_pages(project) -> list[str]:
    """The showcase and the programme's page, as a visitor (not signed in) sees them."""
    visitor = Client()
    return [
        visitor.get(reverse("improvement:showcase")).content.decode(),
        visitor.get(reverse("programmes:detail", args=[project.application.programme.slug])).content.decode(),
    ]


def test_a_project_goes_from_draft_to_the_showcase_and_programme_page_with_consent(
    participant, place, reviewer, method, django_capture_on_commit_callbacks
):
    mine, academy = as_user(participant), as_user(reviewer)
    organisation = OrganisationFactory(ods_code="RTK")
    assert (
        reverse("improvement:project_create", args=[place.pk]) in mine.get(reverse("improvement:mine")).content.decode()
    )

    created = mine.post(
        reverse("improvement:project_create", args=[place.pk]), project_form(method, organisations="rtk")
    )
    project = ImprovementProject.objects.get()
    assert created.url == project.get_absolute_url()
    assert list(project.organisations.all()) == [organisation]
    mine.post(reverse("improvement:project_submit", args=[project.pk]))
    with django_capture_on_commit_callbacks(execute=True):
        academy.post(reverse("improvement:review", args=[project.pk]), {"decision": "return", "reason": "Add results."})
    assert "Add results." in mine.get(project.get_absolute_url()).content.decode()
    mine.post(reverse("improvement:project_edit", args=[project.pk]), project_form(method, result="3"))
    mine.post(reverse("improvement:project_submit", args=[project.pk]))
    with django_capture_on_commit_callbacks(execute=True):
        academy.post(reverse("improvement:review", args=[project.pk]), {"decision": "approve"})
    project.refresh_from_db()
    assert (project.status, project.result) == (ImprovementProject.Status.APPROVED, "3")
    assert not any(TITLE in page for page in public_pages(project))  # approved, but not agreed to

    mine.post(reverse("improvement:consent", args=[project.pk]), {"publish": "on"})

    assert all(TITLE in page for page in public_pages(project))
    shown = Client().get(reverse("improvement:public_project", args=[project.pk])).content.decode()
    assert TITLE in shown and participant.full_name not in shown  # the name only if they choose so

    mine.post(reverse("improvement:consent", args=[project.pk]), {"publish": "on", "show_name": "on"})
    assert (
        participant.full_name in Client().get(reverse("improvement:public_project", args=[project.pk])).content.decode()
    )

    mine.post(reverse("improvement:project_withdraw", args=[project.pk]))
    assert not any(TITLE in page for page in public_pages(project))
    assert Client().get(reverse("improvement:public_project", args=[project.pk])).status_code == 404


@pytest.mark.parametrize("status", ["draft", "submitted", "returned", "withdrawn"])
def test_a_project_the_academy_has_not_approved_is_never_public_even_with_consent(status):
    project = ImprovementProjectFactory(title=TITLE, status=status, publish_consent=True)
    assert not any(TITLE in page for page in public_pages(project))
    assert Client().get(reverse("improvement:public_project", args=[project.pk])).status_code == 404


def test_someone_elses_project_is_not_found_and_stays_as_it_was(participant, method):
    project = ImprovementProjectFactory(application__applicant=participant, approved=True)
    stranger = as_user(UserFactory(with_profile=True))
    for name, data in [
        ("project_detail", None),
        ("project_edit", project_form(method, title="Taken over")),
        ("project_submit", {}),
        ("project_withdraw", {}),
        ("consent", {"publish": "on", "show_name": "on"}),
    ]:
        url = reverse(f"improvement:{name}", args=[project.pk])
        response = stranger.get(url) if data is None else stranger.post(url, data)
        assert response.status_code == 404, name
    project.refresh_from_db()
    assert (project.status, project.publish_consent, project.title) == (
        "approved",
        False,
        ImprovementProjectFactory.title,
    )


def test_another_academy_cannot_review_and_a_made_up_decision_is_refused(place, reviewer):
    project = ImprovementProjectFactory(application=place, submitted=True)
    other_academy = as_user(AcademyAdminFactory().user)

    assert (
        other_academy.post(reverse("improvement:review", args=[project.pk]), {"decision": "approve"}).status_code == 404
    )
    assert (
        as_user(reviewer).post(reverse("improvement:review", args=[project.pk]), {"decision": "publish"}).status_code
        == 400
    )
    returned = as_user(reviewer).post(reverse("improvement:review", args=[project.pk]), {"decision": "return"})
    assert "Say what the participant should change" in returned.content.decode()
    project.refresh_from_db()
    assert project.status == ImprovementProject.Status.SUBMITTED


def test_bad_input_gets_a_written_message_and_saves_nothing(participant, place, method):
    response = as_user(participant).post(
        reverse("improvement:project_create", args=[place.pk]),
        project_form(FrameworkElementFactory(), organisations="ZZZ99", title=""),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "No open organisation has the ODS code ZZZ99" in page
    assert "Choose the improvement method from the list" in page
    assert escape("Enter the project's title") in page
    assert django_defaults_in(page) == []
    assert not ImprovementProject.objects.exists()


def test_a_project_is_escaped_everywhere_it_is_shown(participant, place, reviewer):
    script = "<script>alert('x')</script>"
    project = ImprovementProjectFactory(application=place, public=True, title=f"Falls {script}", aim=f"Aim {script}")
    pages = [
        *public_pages(project),
        Client().get(reverse("improvement:public_project", args=[project.pk])).content.decode(),
        as_user(participant).get(project.get_absolute_url()).content.decode(),
        as_user(reviewer).get(reverse("improvement:review_list")).content.decode(),
        as_user(reviewer).get(reverse("improvement:review", args=[project.pk])).content.decode(),
    ]
    for page in pages:
        assert script not in page
        assert "&lt;script&gt;" in page


def test_the_showcase_asks_the_same_queries_however_many_projects_it_shows():
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert Client().get(reverse("improvement:showcase")).status_code == 200
        return len(captured)

    ImprovementProjectFactory(public=True)
    one = queries()
    for _ in range(4):
        project = ImprovementProjectFactory(public=True, show_name=True)
        project.organisations.set([OrganisationFactory(), OrganisationFactory()])
    assert queries() == one


def test_the_showcase_filters_by_system_method_and_programme():
    shown, other = (
        ImprovementProjectFactory(public=True, title="Shown"),
        ImprovementProjectFactory(public=True, title="Other"),
    )
    other.method = FrameworkElementFactory(framework=shown.method.framework, slug="lean", name="Lean")
    other.save()
    for field, value in [
        ("ics", shown.ics_id),
        ("method", shown.method_id),
        ("programme", shown.application.programme_id),
    ]:
        page = Client().get(reverse("improvement:showcase"), {field: value}).content.decode()
        assert "Shown" in page and ">Other<" not in page, field


def test_the_django_admin_cannot_publish_a_project(participant):
    project = ImprovementProjectFactory(application__applicant=participant, submitted=True)
    admin = as_user(UserFactory(national_admin=True))
    change_url = reverse("admin:improvement_improvementproject_change", args=[project.pk])

    assert admin.get(change_url).status_code == 200
    assert admin.post(change_url, {"status": "approved", "publish_consent": "on"}).status_code == 403
    assert admin.get(reverse("admin:improvement_improvementproject_add")).status_code == 403
    project.refresh_from_db()
    assert (project.status, project.publish_consent) == ("submitted", False)


def test_an_ics_lead_sees_their_systems_approved_projects_and_counts():
    mine = ImprovementProjectFactory(approved=True, title="Ours, not public")
    ImprovementProjectFactory(application__applicant__profile__organisation__ics=mine.ics, submitted=True)
    ImprovementProjectFactory(approved=True, title="Another system's")
    lead = as_user(IcsLeadFactory(ics=mine.ics).user)

    page = lead.get(reverse("improvement:systems")).content.decode()

    assert "Ours, not public" in page and "Another system" not in page
    assert escape(ImprovementProject.Status.SUBMITTED.label) in page
    counts = lead.get(reverse("improvement:systems")).context["system"].counts
    # One approved project, listed anyway; one submitted: a count under 5 of people's projects, suppressed.
    assert counts == {ImprovementProject.Status.APPROVED.label: "1", ImprovementProject.Status.SUBMITTED.label: "[c]"}
    assert as_user(UserFactory(with_profile=True)).get(reverse("improvement:systems")).status_code == 403
