"""The rules of improvement projects, asked of the services directly: who writes, who reviews, and when a project
is public (approved AND agreed to, never either alone)."""

import pytest
from django.core import mail

from improvement import services
from improvement.models import ImprovementError, ImprovementProject
from improvement.services import ProjectDetails
from portal.models import AuditEntry
from tests.academies.factories import AcademyAdminFactory
from tests.improvement.factories import ImprovementProjectFactory, participant_place
from tests.portal.factories import OrganisationFactory, UserFactory
from tests.programmes.factories import FrameworkElementFactory

pytestmark = pytest.mark.django_db


def details(method, **changes) -> ProjectDetails:
    fields = {
        "title": "Fewer missed doses",
        "aim": "Cut missed doses of time-critical medicines.",
        "method": method,
        "measure": "Missed doses per 1,000",
        "baseline": "12",
        "result": "",
        "teams": "Ward 7",
        "organisations": [],
        **changes,
    }
    return ProjectDetails(**fields)


def public_ids():
    return set(ImprovementProject.objects.public().values_list("pk", flat=True))


def test_a_project_goes_from_draft_to_public_only_with_approval_and_consent(
    participant, place, reviewer, method, django_capture_on_commit_callbacks, tasks_run_in_process
):
    organisation = OrganisationFactory()
    project = services.improvement_project_create(
        participant=participant, application_id=place.pk, details=details(method, organisations=[organisation])
    )
    assert project.status == ImprovementProject.Status.DRAFT
    assert list(project.organisations.all()) == [organisation]
    services.improvement_project_submit(participant=participant, project_id=project.pk)
    with django_capture_on_commit_callbacks(execute=True):
        services.improvement_project_return(reviewer=reviewer, project_id=project.pk, reason="Add the result.")
    project.refresh_from_db()
    assert project.status == ImprovementProject.Status.RETURNED
    assert project.review_note == "Add the result."
    services.improvement_project_update(
        participant=participant, project_id=project.pk, details=details(method, result="4")
    )
    services.improvement_project_submit(participant=participant, project_id=project.pk)
    with django_capture_on_commit_callbacks(execute=True):
        services.improvement_project_approve(reviewer=reviewer, project_id=project.pk)
    assert public_ids() == set()  # approved, but the participant has not agreed
    services.improvement_project_consent_set(
        participant=participant, project_id=project.pk, publish=True, show_name=False
    )
    assert public_ids() == {project.pk}
    assert AuditEntry.objects.filter(action=AuditEntry.Action.IMPROVEMENT_PROJECT_REVIEWED).count() == 2
    assert [(message.to, message.subject) for message in mail.outbox] == [
        ([participant.email], ImprovementProject.PRESENTATION["returned"].email_subject),
        ([participant.email], ImprovementProject.PRESENTATION["approved"].email_subject),
    ]
    assert "Add the result." in mail.outbox[0].body


def test_consent_without_approval_is_never_public(participant, method):
    project = ImprovementProjectFactory(application__applicant=participant, submitted=True)
    services.improvement_project_consent_set(
        participant=participant, project_id=project.pk, publish=True, show_name=True
    )
    assert public_ids() == set()


def test_withdrawing_takes_the_project_off_the_showcase_for_good(participant):
    project = ImprovementProjectFactory(application__applicant=participant, public=True)
    assert public_ids() == {project.pk}
    services.improvement_project_withdraw(participant=participant, project_id=project.pk)
    assert public_ids() == set()
    with pytest.raises(ImprovementError):
        services.improvement_project_consent_set(
            participant=participant, project_id=project.pk, publish=True, show_name=False
        )


def test_taking_consent_back_unpublishes_and_hides_the_name(participant):
    project = ImprovementProjectFactory(application__applicant=participant, public=True, show_name=True)
    services.improvement_project_consent_set(
        participant=participant, project_id=project.pk, publish=False, show_name=True
    )
    project.refresh_from_db()
    assert (project.publish_consent, project.show_name) == (False, False)
    assert public_ids() == set()


def test_only_the_participant_writes_their_project(participant, method):
    project = ImprovementProjectFactory(application__applicant=participant)
    stranger = UserFactory()
    for attempt in (
        lambda: services.improvement_project_update(
            participant=stranger, project_id=project.pk, details=details(method)
        ),
        lambda: services.improvement_project_submit(participant=stranger, project_id=project.pk),
        lambda: services.improvement_project_consent_set(
            participant=stranger, project_id=project.pk, publish=True, show_name=True
        ),
    ):
        with pytest.raises(ImprovementError, match="no such project"):
            attempt()
    project.refresh_from_db()
    assert project.status == ImprovementProject.Status.DRAFT and not project.publish_consent


def test_a_project_needs_a_place_of_ones_own(participant, method):
    someone_elses = participant_place()
    withdrawn = participant_place(applicant=participant, status="withdrawn")
    for application in (someone_elses, withdrawn):
        with pytest.raises(ImprovementError, match="no place"):
            services.improvement_project_create(
                participant=participant, application_id=application.pk, details=details(method)
            )
    assert not ImprovementProject.objects.exists()


def test_one_project_per_place(participant, place, method):
    services.improvement_project_create(participant=participant, application_id=place.pk, details=details(method))
    with pytest.raises(ImprovementError, match="no place"):
        services.improvement_project_create(participant=participant, application_id=place.pk, details=details(method))


def test_the_method_comes_from_the_improvement_methods(participant, place):
    other_framework_element = FrameworkElementFactory()
    with pytest.raises(ImprovementError, match="improvement methods"):
        services.improvement_project_create(
            participant=participant, application_id=place.pk, details=details(other_framework_element)
        )
    assert not ImprovementProject.objects.exists()


def test_a_submitted_or_approved_project_cannot_be_changed(participant, method):
    for status in ("submitted", "approved"):
        project = ImprovementProjectFactory(application__applicant=participant, **{status: True})
        with pytest.raises(ImprovementError, match="cannot be changed"):
            services.improvement_project_update(
                participant=participant, project_id=project.pk, details=details(method, title="Changed")
            )


def test_only_the_academy_that_ran_the_cohort_reviews(participant):
    project = ImprovementProjectFactory(application__applicant=participant, submitted=True)
    other_admin = AcademyAdminFactory().user
    with pytest.raises(ImprovementError, match="no such project"):
        services.improvement_project_approve(reviewer=other_admin, project_id=project.pk)
    project.refresh_from_db()
    assert project.status == ImprovementProject.Status.SUBMITTED


def test_a_draft_is_not_the_academys_to_review(participant, reviewer):
    project = ImprovementProjectFactory(application__applicant=participant)
    with pytest.raises(ImprovementError, match="no such project"):
        services.improvement_project_approve(reviewer=reviewer, project_id=project.pk)


def test_returning_needs_a_reason(participant, reviewer):
    project = ImprovementProjectFactory(application=participant.applications.get(), submitted=True)
    with pytest.raises(ImprovementError, match="Say what"):
        services.improvement_project_return(reviewer=reviewer, project_id=project.pk, reason="  ")
    project.refresh_from_db()
    assert project.status == ImprovementProject.Status.SUBMITTED


def test_the_project_belongs_to_the_cohorts_system_or_else_the_participants(participant, place, method):
    project = services.improvement_project_create(
        participant=participant, application_id=place.pk, details=details(method)
    )
    assert project.ics == participant.profile.organisation.ics
