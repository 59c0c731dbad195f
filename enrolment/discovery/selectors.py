"""Reads of the catalogue that pages share."""

from datetime import date, datetime

from django.db.models import BooleanField, Case, Exists, ExpressionWrapper, OuterRef, Q, QuerySet, Subquery, Value, When
from django.shortcuts import get_object_or_404

from enrolment.models import Cohort
from portal.models import StaffProfile
from programmes.finder import ProgrammeFacts
from programmes.models import Programme

FEATURED_SLUGS = [
    "mary-seacole-programme",
    "edward-jenner-programme",
    "elizabeth-garrett-anderson-programme",
    "stepping-up-programme",
    "ready-now-programme",
    "surrey-500",
]


def programme_list() -> QuerySet[Programme]:
    return Programme.objects.with_card_relations().order_by("title")


def programme_featured_list() -> QuerySet[Programme]:
    return programme_list().filter(slug__in=FEATURED_SLUGS)


def programme_get(*, slug: str) -> Programme:
    return get_object_or_404(Programme, slug=slug)


def programme_get_for_page(*, slug: str) -> Programme:
    queryset = Programme.objects.select_related("provider").prefetch_related(
        "delivering_academies",
        "career_stages",
        "professions",
        "development_areas__framework",
        "sources",
        "funded_schemes",
    )
    return get_object_or_404(queryset, slug=slug)


def upcoming_cohorts_of_programme(*, today: date) -> QuerySet[Cohort]:
    """The outer programme's cohorts that have not started, for EXISTS and subqueries."""
    return Cohort.objects.upcoming(today).filter(programme=OuterRef("pk"))


def real_upcoming_cohorts_of_programme(*, today: date) -> QuerySet[Cohort]:
    """The same, less demo cohorts: what the catalogue's filters, counts and order go by."""
    return upcoming_cohorts_of_programme(today=today).filter(is_demo=False)


def open_for_applications(*, today: date, now: datetime) -> Q:
    """A programme anyone can start now (open access), or with an upcoming real cohort whose window is open."""
    window_open = real_upcoming_cohorts_of_programme(today=today).open_for_applications(now)
    return Q(access=Programme.Access.OPEN_ACCESS) | Q(Exists(window_open))


def programme_catalogue(*, today: date, now: datetime) -> QuerySet[Programme]:
    """Every programme with what its card shows: provider, whether it is open now and when it can next start.

    `open_now` and `next_start` (today for an open-access programme, else its next cohort's first day, or None) go
    by real cohorts, and the catalogue filters and sorts by them. What a demo cohort alone would say is kept apart,
    for the card to show labelled Demo: `open_now_demo`, that only a demo cohort is open, and `next_demo_start`,
    the next demo cohort's first day.
    """
    real = real_upcoming_cohorts_of_programme(today=today)
    demo = upcoming_cohorts_of_programme(today=today).filter(is_demo=True)
    open_now = open_for_applications(today=today, now=now)
    return Programme.objects.select_related("provider").annotate(
        open_now=ExpressionWrapper(open_now, output_field=BooleanField()),
        open_now_demo=ExpressionWrapper(
            ~open_now & Q(Exists(demo.open_for_applications(now))), output_field=BooleanField()
        ),
        next_start=Case(
            When(access=Programme.Access.OPEN_ACCESS, then=Value(today)),
            default=Subquery(real.order_by("starts_on").values("starts_on")[:1]),
        ),
        next_demo_start=Subquery(demo.order_by("starts_on").values("starts_on")[:1]),
    )


def programme_finder_facts(*, today: date, now: datetime) -> list[ProgrammeFacts]:
    """What the finder weighs of every programme, in three queries however many there are."""
    programmes = programme_catalogue(today=today, now=now).prefetch_related("career_stages", "professions")
    return [
        ProgrammeFacts(
            slug=programme.slug,
            title=programme.title,
            summary=programme.summary,
            url=programme.get_absolute_url(),
            career_stages=frozenset(stage.slug for stage in programme.career_stages.all()),
            professions=frozenset(profession.slug for profession in programme.professions.all()),
            open_to_all_professions=programme.open_to_all_professions,
            format=programme.format,
            duration_months=programme.duration_months,
            cost=programme.cost,
            positive_action=bool(programme.positive_action_note),
            open_now=programme.open_now,
            open_now_demo=programme.open_now_demo,
            open_access=programme.is_open_access,
        )
        for programme in programmes
    ]


def finder_initial_answers(user) -> dict:
    """The finder's answers that a signed-in person's profile already gives: profession and band."""
    if not user.is_authenticated:
        return {}
    profile = StaffProfile.objects.select_related("profession").filter(user=user).first()
    if profile is None:
        return {}
    return {"profession": profile.profession.slug if profile.profession else None, "band": profile.grade}


def cohort_get_for_calendar(*, programme_slug: str, pk: int) -> Cohort:
    cohorts = Cohort.objects.select_related("programme", "academy", "region")
    return get_object_or_404(cohorts, pk=pk, programme__slug=programme_slug)
