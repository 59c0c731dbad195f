"""What an ICS lead may know of declarations for ring-fenced places: per cohort, how many applicants working in
their system declared, never who, and a count under the small number (reporting.suppression) only as [c]."""

from django.db.models import Count

from enrolment.models import RingFenceDeclaration

from .suppression import SMALL_NUMBER
from .tables import Cell, Table


def ring_fence_declaration_counts(ics) -> list[tuple[str, Cell]]:
    """Each cohort with declarations by applicants of the ICS's organisations, and their count, suppressed when
    small."""
    rows = (
        RingFenceDeclaration.objects.filter(application__organisation__ics=ics, allocation__cohort__is_demo=False)
        .values("allocation__cohort__programme__title", "allocation__cohort__name")
        .annotate(declared=Count("application", distinct=True))
        .order_by("allocation__cohort__programme__title", "allocation__cohort__name")
    )
    return [
        (
            f"{row['allocation__cohort__programme__title']}, {row['allocation__cohort__name']}",
            Cell(row["declared"], suppressed=row["declared"] < SMALL_NUMBER),
        )
        for row in rows
    ]


def ring_fence_table(slug: str, counts: list[tuple[str, Cell]]) -> Table:
    """The counts as a dashboard table (and its CSV): a cohort and how many declared, never who."""
    return Table(
        slug=slug,
        title="Declarations for ring-fenced places",
        headers=["Cohort", "Applicants who declared"],
        rows=[[Cell(cohort), declared] for cohort, declared in counts],
        numeric=[False, True],
    )
