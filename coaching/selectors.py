"""Reads of the register that pages share, each in a fixed number of queries however many rows it covers."""

from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404
from django.template.defaultfilters import pluralize
from django.utils import timezone

from academies.models import Academy
from portal.models import Region, StaffProfile
from programmes.models import CareerStage, FrameworkElement

from . import permissions
from .filters import FLAG_FACETS, RELATED_FACETS, CoachProfileFilter
from .models import CoachingRequest, CoachProfile, hlm_dimensions

SUGGESTIONS_LIMIT = 5


def register_queryset() -> QuerySet[CoachProfile]:
    """What the register search starts from: approved profiles only."""
    return CoachProfile.objects.listed()


def coach_search_results(filterset: CoachProfileFilter) -> QuerySet[CoachProfile]:
    return filterset.qs.with_active_mentees().select_related("user", "region").prefetch_related("dimensions")


@dataclass(frozen=True)
class RegisterTotals:
    """How many coaches the search shows, real and demo apart, and whether the register lists any demo coach."""

    real: int
    demo: int
    demo_listed: int


def coach_search_totals(filterset: CoachProfileFilter) -> RegisterTotals:
    """The search's real and demo results, counted apart in one query: demo coaches add to no real figure."""
    shown = Q(pk__in=filterset.qs.values("pk"))
    totals = register_queryset().aggregate(
        real=Count("pk", filter=shown & Q(is_demo=False)),
        demo=Count("pk", filter=shown & Q(is_demo=True)),
        demo_listed=Count("pk", filter=Q(is_demo=True)),
    )
    return RegisterTotals(**totals)


def coach_facet_counts(filterset: CoachProfileFilter) -> dict[str, list[tuple[object, str, int]]]:
    """Each facet's options with their counts of real coaches: one aggregate query a facet.

    Demo coaches are kept out of the counts, as demo cohorts are out of the catalogue's; their cards say Demo.
    """
    counts = {}
    for name in RELATED_FACETS:
        options = filterset.filters[name].queryset
        base = filterset.queryset_without(name).filter(is_demo=False).values("pk")
        rows = options.annotate(total=Count("coach_profiles", filter=Q(coach_profiles__in=base)))
        counts[name] = [(row.pk, row.name, row.total) for row in rows]
    for name, flags in FLAG_FACETS.items():
        base = filterset.queryset_without(name).filter(is_demo=False).values("pk")
        totals = CoachProfile.objects.filter(pk__in=base).aggregate(
            **{value: Count("pk", filter=condition) for value, (_, condition) in flags.items()}
        )
        counts[name] = [(value, label, totals[value]) for value, (label, _) in flags.items()]
    return counts


def coach_profile_for_page(*, user, profile_id: int) -> CoachProfile:
    queryset = (
        permissions.coach_profiles_visible_to(user)
        .with_active_mentees()
        .select_related("user", "region", "academy")
        .prefetch_related("dimensions", "professions", "career_stages")
    )
    return get_object_or_404(queryset, pk=profile_id)


def coaching_request_for_page(*, user, request_id: int) -> CoachingRequest:
    """A request only its two people can open; anyone else gets a 404."""
    queryset = permissions.requests_visible_to(user).select_related(
        "coach__user", "coach__region", "mentee__profile__organisation", "mentee__profile__profession"
    )
    return get_object_or_404(queryset.prefetch_related("sessions"), pk=request_id)


@dataclass(frozen=True)
class MyCoaching:
    coach_profile: CoachProfile | None
    requests_to_me: list[CoachingRequest]
    my_requests: list[CoachingRequest]


def my_coaching(*, user) -> MyCoaching:
    """Both sides of a person's register activity: as a coach, and as a mentee."""
    profile = CoachProfile.objects.with_active_mentees().select_related("academy").filter(user=user).first()
    with_sessions = Count("sessions")
    requests_to_me = (
        CoachingRequest.objects.filter(coach__user=user).select_related("mentee").annotate(session_count=with_sessions)
    )
    my_requests = (
        CoachingRequest.objects.filter(mentee=user).select_related("coach__user").annotate(session_count=with_sessions)
    )
    return MyCoaching(profile, list(requests_to_me), list(my_requests))


@dataclass(frozen=True)
class Suggestion:
    coach: CoachProfile
    reasons: list[str]


def coach_suggestions(
    *,
    mentee,
    dimensions: list[FrameworkElement],
    career_stage: CareerStage | None,
    kind: str,
    limit: int = SUGGESTIONS_LIMIT,
) -> list[Suggestion]:
    """Coaches who fit the mentee best, each with why.

    Only coaches the mentee could ask now: listed, with a free place, in the mentee's region or meeting online,
    not already asked, and never in the mentee's own organisation (a conflict of interest). Those are ranked
    by region, the dimensions wanted, the mentee's profession and level, then free places.
    """
    staff = StaffProfile.objects.select_related("organisation__ics__region", "profession").filter(user=mentee).first()
    if staff is None or staff.organisation is None:
        return []
    region = staff.organisation.ics.region
    asked = CoachingRequest.objects.filter(mentee=mentee, coach=OuterRef("pk"), status__in=CoachingRequest.OPEN)
    candidates = (
        CoachProfile.objects.with_room()
        .listed()
        .exclude(user=mentee)
        .filter(user__profile__organisation__isnull=False)
        .exclude(user__profile__organisation=staff.organisation)
        .filter(Q(region=region) | Q(meets_online=True))
        .exclude(Exists(asked))
    )
    if kind:
        candidates = candidates.filter(**{f"offers_{kind}": True})
    ranked = candidates.annotate(
        score=_points(Q(region=region), 3)
        + _points(Exists(_m2m(CoachProfile.professions, "profession", staff.profession_id)), 2)
        + _points(Exists(_m2m(CoachProfile.career_stages, "careerstage", career_stage and career_stage.pk)), 2)
        + 2 * _dimensions_wanted(dimensions),
        room=F("max_mentees") - F("active_mentees"),
    ).order_by("-score", "-room", "user__full_name", "pk")
    ranked = ranked.select_related("user", "region").prefetch_related(
        Prefetch("dimensions", queryset=hlm_dimensions()), "professions", "career_stages"
    )
    return [
        Suggestion(coach, _reasons(coach, region, dimensions, staff.profession, career_stage))
        for coach in ranked[:limit]
    ]


def _points(condition, points: int):
    return Case(When(condition, then=Value(points)), default=Value(0), output_field=IntegerField())


def _dimensions_wanted(dimensions: list[FrameworkElement]):
    """How many of the wanted dimensions a coach helps with."""
    if not dimensions:
        return Value(0)
    shared = (
        _m2m(CoachProfile.dimensions, "frameworkelement__in", [element.pk for element in dimensions])
        .order_by()
        .values("coachprofile")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(shared, output_field=IntegerField()), Value(0))


def _m2m(field, column: str, value):
    return field.through.objects.filter(coachprofile=OuterRef("pk"), **{column: value})


def _reasons(coach: CoachProfile, region: Region, dimensions, profession, career_stage) -> list[str]:
    reasons = []
    if coach.region_id == region.pk:
        reasons.append(f"Based in your region, {region.name}")
    if coach.meets_online:
        reasons.append("Meets online")
    shared = [element.name for element in coach.dimensions.all() if element in dimensions]
    if shared:
        reasons.append(f"Helps with {', '.join(shared)}")
    if profession and profession in coach.professions.all():
        reasons.append(f"Works with your profession: {profession.name}")
    if career_stage and career_stage in coach.career_stages.all():
        reasons.append(f"Works with leaders at your level: {career_stage.name}")
    reasons.append(f"{coach.free_places} of {coach.max_mentees} place{pluralize(coach.max_mentees)} free")
    return reasons


@dataclass(frozen=True)
class AcademyRegisterActivity:
    academy: Academy
    awaiting_approval: list[CoachProfile]
    coaches: list[CoachProfile]


def academy_register_activity(*, user, today: date) -> list[AcademyRegisterActivity]:
    """Each academy the user runs: profiles awaiting approval, listed coaches and how full they are, and this
    month's requests. Counts only, never who the mentees are."""
    month_start = timezone.make_aware(datetime.combine(today.replace(day=1), time.min))
    requests = "coach_profiles__requests"
    academies = permissions.academies_administered_by(user).annotate(
        listed=Count("coach_profiles", filter=Q(coach_profiles__status=CoachProfile.Status.APPROVED), distinct=True),
        active_relationships=Count(
            requests, filter=Q(**{f"{requests}__status": CoachingRequest.Status.ACCEPTED}), distinct=True
        ),
        requests_this_month=Count(requests, filter=Q(**{f"{requests}__created_at__gte": month_start}), distinct=True),
    )
    profiles = (
        permissions.coach_profiles_administered_by(user)
        .exclude(status=CoachProfile.Status.REJECTED)
        .with_active_mentees()
        .select_related("user")
    )
    by_academy: dict[int, list[CoachProfile]] = {}
    for profile in profiles:
        by_academy.setdefault(profile.academy_id, []).append(profile)
    return [
        AcademyRegisterActivity(
            academy=academy,
            awaiting_approval=[p for p in by_academy.get(academy.pk, []) if p.status == CoachProfile.Status.PENDING],
            coaches=[p for p in by_academy.get(academy.pk, []) if p.status == CoachProfile.Status.APPROVED],
        )
        for academy in academies
    ]
