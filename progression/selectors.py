"""Reads of follow-ups: the person's own, and the outcomes the progression funnel counts."""

from django.db.models import Case, Count, Exists, F, IntegerField, OuterRef, Q, QuerySet, Value, When

from portal.models import StaffProfile

from .models import FollowUp
from .permissions import follow_ups_of

Grade = StaffProfile.Grade
# The Agenda for Change ladder, lowest first: moving up it is a band up. Doctors' grades and "not on Agenda for
# Change" are on no ladder, so they never count as a band up (nor down).
BAND_LADDER = [
    Grade.BAND_2, Grade.BAND_3, Grade.BAND_4, Grade.BAND_5, Grade.BAND_6, Grade.BAND_7,
    Grade.BAND_8A, Grade.BAND_8B, Grade.BAND_8C, Grade.BAND_8D, Grade.BAND_9, Grade.VSM,
]  # fmt: skip
OUTCOMES = ("asked", "answered", "role_changed", "band_up", "new_responsibilities")


def _band_rank(field: str) -> Case:
    return Case(
        *(When(**{field: band}, then=Value(rank)) for rank, band in enumerate(BAND_LADDER)),
        default=Value(None),
        output_field=IntegerField(),
    )


def _with_bands(follow_ups: QuerySet) -> QuerySet:
    """The follow-ups with the rank of the band they answered and of the grade their application was made at."""
    return follow_ups.alias(band_now=_band_rank("band"), band_then=_band_rank("application__grade"))


# What an answer said, each as a condition on _with_bands' follow-ups.
ANSWERS = {
    "role_changed": Q(role_changed=True),
    "band_up": Q(band_now__gt=F("band_then")),
    "new_responsibilities": Q(new_responsibilities=True),
}


def follow_up_outcomes(applications: QuerySet) -> dict[int, dict[str, int]]:
    """For the follow-ups of these applications, per point (6, 12): how many were asked and answered, and of the
    answers how many said their role changed, gave a higher band than when they applied, and said they have new
    leadership responsibilities. One query, whatever the number of applications; raw counts, so the caller applies
    its own small-number suppression."""
    rows = (
        _with_bands(FollowUp.objects.filter(application__in=applications))
        .order_by()
        .values("point")
        .annotate(
            asked=Count("pk"),
            answered=Count("pk", filter=Q(answered_at__isnull=False)),
            **{answer: Count("pk", filter=said) for answer, said in ANSWERS.items()},
        )
    )
    outcomes = {point: dict.fromkeys(OUTCOMES, 0) for point in FollowUp.Point.values}
    for row in rows:
        outcomes[row.pop("point")] = row
    return outcomes


def answered_follow_up_says(application: str = "pk") -> dict[str, Exists]:
    """For an outer query over applications (`application` its application id field): whether an answered
    follow-up of the application, at either point, said its role changed, gave a band above the grade applied at,
    said there are new leadership responsibilities; keyed as ANSWERS."""
    answered = _with_bands(FollowUp.objects.filter(application=OuterRef(application), answered_at__isnull=False))
    return {answer: Exists(answered.filter(said)) for answer, said in ANSWERS.items()}


def follow_ups_for_account(person) -> QuerySet[FollowUp]:
    return (
        follow_ups_of(person)
        .select_related("application__programme", "application__cohort")
        .order_by("-asked_at", "-pk")
    )
