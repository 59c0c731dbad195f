"""A cohort's places, allocated: to an ICS or an organisation (PlaceAllocation), the rest an open pool, and the
people nominated for an allocation's places (Nomination).

The ledger: a cohort's capacity is the sum of its allocations' places plus the open pool. Each place held (an
offer, an accepted place, a completed one) is charged to exactly one allocation or to the open pool:
Application.place_allocation, set when the place is offered (enrolment.services.allocations), under the cohort
lock.
"""

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone

from portal.models import IntegratedCareSystem, Organisation
from portal.validators import within_service_years
from programmes.models import FundedScheme

from .statuses import Status

# The codes of PlaceAllocation's unique constraints: each "<field>_taken", an error on that field.
TAKEN_CODES = ("ics_taken", "organisation_taken", "ring_fence_rule_taken")

# A nomination whose application ended in one of these no longer uses its allocation's place.
LAPSED = [
    Status.NOT_SUPPORTED,
    Status.UNSUCCESSFUL,
    Status.WITHDRAWN,
    Status.DECLINED,
    Status.OFFER_EXPIRED,
    Status.COHORT_CANCELLED,
]


class PlaceAllocation(models.Model):
    """Places of a cohort set aside for an ICS (its ICS leads nominate) or an organisation (its named nominator)."""

    cohort = models.ForeignKey("enrolment.Cohort", on_delete=models.PROTECT, related_name="allocations")
    ics = models.ForeignKey(
        IntegratedCareSystem,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="place_allocations",
        verbose_name="ICS",
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, null=True, blank=True, related_name="place_allocations"
    )
    places = models.PositiveIntegerField()
    nominator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="place_allocations",
        help_text="Who nominates for an organisation's places; an ICS's places are nominated by its ICS leads.",
    )
    ring_fence_rule = models.TextField(
        "the programme's rule",
        blank=True,
        max_length=500,
        help_text="Who the places are kept for, in the words of the programme's own published rule.",
    )
    ring_fence_source = models.URLField(
        "where the rule is published", blank=True, max_length=500, help_text="The address of the page stating it."
    )
    release_on = models.DateField(
        null=True,
        blank=True,
        validators=[within_service_years],
        help_text="The day its places nobody uses go back to the open pool.",
    )
    released_at = models.DateTimeField(null=True, blank=True, editable=False)
    released_places = models.PositiveIntegerField(default=0, editable=False)
    per_nominator = models.PositiveIntegerField(
        "places each nominator may nominate",
        null=True,
        blank=True,
        help_text="At most this many of the places by any one nominator. Leave empty for no limit.",
    )
    scheme = models.ForeignKey(
        FundedScheme,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="place_allocations",
        help_text="The funded scheme that pays for these places, if one does: it must fund the cohort's programme.",
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["cohort", "pk"]
        constraints = [
            # A ring-fenced allocation is for anyone who declares the rule, in no area, nominated by nobody.
            models.CheckConstraint(
                condition=Q(ring_fence_rule="")
                | Q(ics__isnull=True, organisation__isnull=True, nominator__isnull=True),
                name="allocation_ring_fence_no_area",
            ),
            models.CheckConstraint(
                condition=Q(ring_fence_rule="") | ~Q(ring_fence_source=""), name="allocation_ring_fence_source"
            ),
            models.UniqueConstraint(
                fields=["cohort", "ring_fence_rule"],
                condition=~Q(ring_fence_rule=""),
                name="allocation_unique_ring_fence",
                violation_error_code="ring_fence_rule_taken",
                violation_error_message="This cohort already keeps places for people who declare this rule",
            ),
            # At most one area: an allocation for neither is left for places reserved otherwise (ring-fenced).
            models.CheckConstraint(
                condition=Q(ics__isnull=True) | Q(organisation__isnull=True), name="allocation_one_area"
            ),
            models.UniqueConstraint(
                fields=["cohort", "ics"],
                name="allocation_unique_ics",
                violation_error_code="ics_taken",
                violation_error_message="This cohort already has places for this ICS: change its places",
            ),
            models.UniqueConstraint(
                fields=["cohort", "organisation"],
                name="allocation_unique_organisation",
                violation_error_code="organisation_taken",
                violation_error_message="This cohort already has places for this organisation: change its places",
            ),
        ]

    def __str__(self):
        return f"{self.places} places of {self.cohort} for {self.area}"

    def validate_constraints(self, exclude=None):
        """An area or rule the cohort already has an allocation for is an error on that field (its constraint's
        code names it), not on the whole allocation."""
        try:
            super().validate_constraints(exclude=exclude)
        except ValidationError as error:
            problems = {}
            for message in error.error_dict.pop(NON_FIELD_ERRORS, []):
                field = (message.code or "").removesuffix("_taken")
                problems.setdefault(field if message.code in TAKEN_CODES else NON_FIELD_ERRORS, []).append(message)
            raise ValidationError({**error.error_dict, **problems}) from None

    @property
    def area(self):
        """The ICS or organisation the places are for, or who they are kept for."""
        return self.ics or self.organisation or f"people who declare: {self.ring_fence_rule}"

    @property
    def is_ring_fenced(self) -> bool:
        return bool(self.ring_fence_rule)


class NominationQuerySet(models.QuerySet):
    def live(self):
        """Those still using their allocation's place: not yet applied, or applied and not lapsed."""
        return self.exclude(application__status__in=LAPSED)


class Nomination(models.Model):
    """A nominator names a person, by e-mail, for one of an allocation's places; the person is invited to apply."""

    allocation = models.ForeignKey(PlaceAllocation, on_delete=models.PROTECT, related_name="nominations")
    cohort = models.ForeignKey("enrolment.Cohort", on_delete=models.PROTECT, related_name="nominations")
    email = models.EmailField("e-mail address")
    nominated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    application = models.OneToOneField(
        "enrolment.Application", on_delete=models.SET_NULL, null=True, blank=True, related_name="nomination"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = NominationQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "email"],
                name="nomination_unique_person",
                violation_error_message="This person is already nominated for this cohort.",
            ),
        ]

    def __str__(self):
        return f"{self.email} nominated for {self.cohort}"


class RingFenceDeclaration(models.Model):
    """An applicant's own declaration that they are someone a ring-fenced allocation's rule names: special category
    data, in a table of its own, shown only to the academy deciding the application and counted, suppressed when
    small, for ICS leads (reporting)."""

    application = models.ForeignKey(
        "enrolment.Application", on_delete=models.CASCADE, related_name="ring_fence_declarations"
    )
    allocation = models.ForeignKey(PlaceAllocation, on_delete=models.CASCADE, related_name="declarations")
    rule = models.TextField(max_length=500, editable=False, help_text="The rule's wording as the applicant saw it.")
    declared_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["declared_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["application", "allocation"], name="declaration_unique_allocation"),
        ]

    def __str__(self):
        return f"declaration {self.pk}"
