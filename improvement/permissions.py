"""Who may see and do what with improvement projects, in one place: views and services ask here.

Reads are scoped by querysets, so a project outside them is simply not found (a 404), never shown then refused.
"""

from django.db.models import QuerySet

from academies.models import Academy
from enrolment.models import Application
from portal.models import IntegratedCareSystem

from .models import ImprovementProject

# A participant's place: accepted, or the programme completed.
PLACE_STATUSES = [Application.Status.ACCEPTED, Application.Status.COMPLETED]


def applications_that_may_have_a_project(user) -> QuerySet[Application]:
    """The person's places in cohorts that have no project yet."""
    return Application.objects.filter(
        applicant=user, status__in=PLACE_STATUSES, cohort__isnull=False, improvement_project__isnull=True
    )


def projects_of_participant(user) -> QuerySet[ImprovementProject]:
    return ImprovementProject.objects.filter(application__applicant=user)


def projects_reviewed_by(user) -> QuerySet[ImprovementProject]:
    """The projects of the cohorts run by the academies the person administers, once sent to them."""
    return ImprovementProject.objects.filter(application__cohort__academy__in=Academy.objects.for_admin(user)).exclude(
        status=ImprovementProject.Status.DRAFT
    )


def systems_of_lead(user) -> QuerySet[IntegratedCareSystem]:
    """The systems whose projects the person follows: an ICS lead's own, a national admin's every one."""
    if not user.is_authenticated:
        return IntegratedCareSystem.objects.none()
    return IntegratedCareSystem.objects.all() if user.is_national_admin else IntegratedCareSystem.objects.for_lead(user)


def project_actions(user, project: ImprovementProject) -> set[str]:
    """What the participant may do to their project now: the buttons its page shows (the services check again)."""
    if project.application.applicant_id != user.pk:
        return set()
    actions = {"edit", "submit"} if project.is_editable else set()
    if project.status == ImprovementProject.Status.APPROVED:
        actions |= {"withdraw", "consent"}
    return actions
