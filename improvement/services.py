"""Every write that is a rule of improvement projects, each one transaction that locks the project first.

Only the participant whose place it is writes a project, and only while it is a draft or returned; only the academy
that ran the cohort reviews it; consent to publish is the participant's alone and can be taken back at any time.
"""

from dataclasses import dataclass

from django.db import IntegrityError, transaction

from portal.audit import audit_record
from portal.locking import lock_row
from portal.models import AuditEntry, IntegratedCareSystem, Organisation, StaffProfile, User
from programmes.models import FrameworkElement

from . import permissions
from .models import METHODS_FRAMEWORK_SLUG, ImprovementError, ImprovementProject
from .tasks import send_improvement_project_email

NO_SUCH_PROJECT = "There is no such project."
NO_SUCH_PLACE = "You have no place on this cohort that can have an improvement project."


@dataclass(frozen=True)
class ProjectDetails:
    """What the participant writes about their project."""

    title: str
    aim: str
    method: FrameworkElement
    measure: str
    baseline: str
    result: str
    teams: str
    organisations: list[Organisation]


def improvement_project_create(*, participant: User, application_id: int, details: ProjectDetails):
    """Starts a draft project on the participant's place; one project per place."""
    application = permissions.applications_that_may_have_a_project(participant).filter(pk=application_id).first()
    if application is None:
        raise ImprovementError(NO_SUCH_PLACE)
    project = ImprovementProject(
        application=application,
        ics=_system_of(application, participant),
        # A demo person's project, or one on a demo cohort, is demo: labelled wherever it shows.
        is_demo=participant.is_demo or application.cohort.is_demo,
    )
    try:
        with transaction.atomic():
            _save_details(project, details)
    except IntegrityError:  # a double-clicked "Save": the one-to-one lets only one in
        raise ImprovementError("You already have a project on this place.") from None
    return project


def _system_of(application, participant: User) -> IntegratedCareSystem | None:
    """The cohort's system, or else the one the participant's organisation is in."""
    if application.cohort.ics_id:
        return application.cohort.ics
    profile = StaffProfile.objects.select_related("organisation__ics").filter(user=participant).first()
    return profile.organisation.ics if profile and profile.organisation else None


@transaction.atomic
def improvement_project_update(*, participant: User, project_id: int, details: ProjectDetails):
    project = _locked(permissions.projects_of_participant(participant), project_id)
    if not project.is_editable:
        raise ImprovementError(f"This project is {project.get_status_display().lower()}, so it cannot be changed now.")
    _save_details(project, details)
    return project


def _save_details(project: ImprovementProject, details: ProjectDetails) -> None:
    if details.method.framework.slug != METHODS_FRAMEWORK_SLUG:
        raise ImprovementError("Choose one of the improvement methods listed.")
    for name in ("title", "aim", "measure", "baseline", "result", "teams"):
        setattr(project, name, getattr(details, name).strip())
    project.method = details.method
    project.full_clean()
    project.save()
    project.organisations.set(details.organisations)


@transaction.atomic
def improvement_project_submit(*, participant: User, project_id: int):
    """Sends the project to the academy that ran the cohort."""
    project = _locked(permissions.projects_of_participant(participant), project_id)
    return _move(project, ImprovementProject.Status.SUBMITTED)


@transaction.atomic
def improvement_project_withdraw(*, participant: User, project_id: int):
    """Takes an approved project back, and so off the showcase, for good."""
    project = _locked(permissions.projects_of_participant(participant), project_id)
    project.publish_consent = False
    return _move(project, ImprovementProject.Status.WITHDRAWN)


@transaction.atomic
def improvement_project_consent_set(*, participant: User, project_id: int, publish: bool, show_name: bool):
    """The participant's choice to show the project (and their name with it); theirs to change at any time."""
    project = _locked(permissions.projects_of_participant(participant), project_id)
    if project.status == ImprovementProject.Status.WITHDRAWN:
        raise ImprovementError("This project is withdrawn, so it cannot be published.")
    project.publish_consent = publish
    project.show_name = publish and show_name
    project.save(update_fields=["publish_consent", "show_name", "updated_at"])
    return project


@transaction.atomic
def improvement_project_approve(*, reviewer: User, project_id: int):
    project = _locked(permissions.projects_reviewed_by(reviewer), project_id)
    return _review(project, ImprovementProject.Status.APPROVED, reviewer=reviewer, note="")


@transaction.atomic
def improvement_project_return(*, reviewer: User, project_id: int, reason: str):
    """Sends the project back to the participant, saying what to change."""
    if not reason.strip():
        raise ImprovementError("Say what the participant should change, so they can put it right.")
    project = _locked(permissions.projects_reviewed_by(reviewer), project_id)
    return _review(project, ImprovementProject.Status.RETURNED, reviewer=reviewer, note=reason.strip())


def _review(project: ImprovementProject, status: str, *, reviewer: User, note: str):
    _move(project, status, by=reviewer, note=note)
    entry = audit_record(
        action=AuditEntry.Action.IMPROVEMENT_PROJECT_REVIEWED,
        actor=reviewer,
        target=project,
        summary=f"Improvement project {project.pk} {status}",
    )
    send_improvement_project_email.enqueue_on_commit(project.pk, status, entry.pk)
    return project


def _move(project: ImprovementProject, status: str, **details):
    project.move_to(status, **details)
    project.full_clean()
    project.save()
    return project


def _locked(queryset, project_id: int) -> ImprovementProject:
    project = lock_row(queryset, pk=project_id)
    if project is None:
        raise ImprovementError(NO_SUCH_PROJECT)
    return project
