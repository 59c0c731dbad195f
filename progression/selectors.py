"""Reads of follow-ups: the person's own, and the outcomes the progression funnel counts."""

from django.db.models import Case, Count, F, IntegerField, Q, QuerySet, Value, When

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


def follow_up_outcomes(applications: QuerySet) -> dict[int, dict[str, int]]:
    """For the follow-ups of these applications, per point (6, 12): how many were asked and answered, and of the
    answers how many said their role changed, gave a higher band than when they applied, and said they have new
    leadership responsibilities. One query, whatever the number of applications; raw counts, so the caller applies
    its own small-number suppression."""
    rows = (
        FollowUp.objects.filter(application__in=applications)
        .annotate(band_now=_band_rank("band"), band_then=_band_rank("application__grade"))
        .order_by()
        .values("point")
        .annotate(
            asked=Count("pk"),
            answered=Count("pk", filter=Q(answered_at__isnull=False)),
            role_changed=Count("pk", filter=Q(role_changed=True)),
            band_up=Count("pk", filter=Q(band_now__gt=F("band_then"))),
            new_responsibilities=Count("pk", filter=Q(new_responsibilities=True)),
        )
    )
    outcomes = {point: dict.fromkeys(OUTCOMES, 0) for point in FollowUp.Point.values}
    for row in rows:
        outcomes[row.pop("point")] = row
    return outcomes


def follow_ups_for_account(person) -> QuerySet[FollowUp]:
    return follow_ups_of(person).select_related("application__programme").order_by("-asked_at", "-pk")
