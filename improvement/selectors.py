"""Reads of improvement projects for pages. Every public read starts from ImprovementProject.objects.public()."""

from dataclasses import dataclass

from django.db.models import Case, Count, QuerySet, Value, When

from portal.programme_panels import ProgrammePanel
from portal.small_numbers import SUPPRESSED, published

from . import permissions
from .models import ImprovementProject

PANEL_SIZE = 3


def showcase_queryset() -> QuerySet[ImprovementProject]:
    return ImprovementProject.objects.public().for_list()


def project_for_public(project_id: int) -> ImprovementProject | None:
    return showcase_queryset().filter(pk=project_id).first()


def programme_panel_context(programme) -> dict | None:
    """A programme's page shows its few latest public projects, with a link to the rest; nothing when none."""
    public = showcase_queryset().filter(application__programme=programme)
    projects = list(public[:PANEL_SIZE])
    if not projects:
        return None
    return {"projects": projects, "total": public.count(), "programme": programme}


PROGRAMME_PANEL = ProgrammePanel(
    name="improvement-projects", template="improvement/programme_panel.html", context=programme_panel_context
)


@dataclass(frozen=True)
class MyProjects:
    projects: list[ImprovementProject]
    places: list  # the person's places that have no project yet


def my_projects(*, user) -> MyProjects:
    return MyProjects(
        projects=list(permissions.projects_of_participant(user).select_related("application__programme", "method")),
        places=list(
            permissions.applications_that_may_have_a_project(user).select_related("programme", "cohort__academy")
        ),
    )


def participant_projects(*, user) -> QuerySet[ImprovementProject]:
    return permissions.projects_of_participant(user).for_list()


def projects_for_review(*, user) -> QuerySet[ImprovementProject]:
    return permissions.projects_reviewed_by(user).for_list()


def projects_to_review(*, user) -> list[ImprovementProject]:
    """Projects of the person's academies' cohorts, those waiting for a review first."""
    waiting = Case(When(status=ImprovementProject.Status.SUBMITTED, then=Value(0)), default=Value(1))
    return list(projects_for_review(user=user).order_by(waiting, "-submitted_at", "-pk"))


@dataclass(frozen=True)
class SystemProjects:
    projects: QuerySet[ImprovementProject]
    counts: dict[str, str]  # status label -> how many real projects, drafts left out, as small_numbers publishes it
    demo_counts: dict[str, str]  # the same of demo projects, counted apart so no real figure includes them


def system_projects(*, user) -> SystemProjects:
    """An ICS lead's systems' approved projects (public or not), and how many there are in each other status.

    The approved ones are listed, so their count is printed as it is. Those in other statuses are counts of people's
    projects a lead can watch grow and narrow down (one more returned project since yesterday is someone's), so
    they are published as every count of issue 20's reports is: nothing under 5, the rest rounded to 5."""
    mine = ImprovementProject.objects.filter(ics__in=permissions.systems_of_lead(user)).exclude(
        status=ImprovementProject.Status.DRAFT
    )
    rows = mine.order_by("status").values("status", "is_demo").annotate(total=Count("pk"))
    labels = dict(ImprovementProject.Status.choices)
    counts = {False: {}, True: {}}
    for row in rows:
        counts[row["is_demo"]][labels[row["status"]]] = _count_text(row["status"], row["total"])
    return SystemProjects(
        projects=mine.filter(status=ImprovementProject.Status.APPROVED).for_list(),
        counts=counts[False],
        demo_counts=counts[True],
    )


def _count_text(status: str, total: int) -> str:
    if status == ImprovementProject.Status.APPROVED:
        return str(total)
    shown = published(total)
    return SUPPRESSED if shown is None else str(shown)
