"""Who pays for a cohort's places, and the budget holder's answer for an employer-funded place.

The kinds and answers are written once here; pages and e-mails show them through FUNDING_KIND_TEXT and
FUNDING_STATE_LABEL, never by their codes. The fields are abstract models that Cohort and Application take on.
"""

import uuid
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

# The largest fee an academy may state: beyond it, a typo.
FEE_MAX = Decimal("50000")


class FundingKind(models.TextChoices):
    FREE = "free", "Free"
    EMPLOYER = "employer", "Employer-funded"
    SELF = "self", "Self-funded"


FUNDING_KIND_TEXT = {
    FundingKind.FREE: "There is no fee.",
    FundingKind.EMPLOYER: "Your employer pays: your budget holder confirms the funding before a place is offered.",
    FundingKind.SELF: "You pay the fee yourself.",
}


class BudgetHolderAnswer(models.TextChoices):
    CONFIRMED = "confirmed", "Funding confirmed"
    DECLINED = "declined", "Funding declined"


class FundingState(models.TextChoices):
    """Where an employer-funded application's funding stands, in the academy's words."""

    UNNAMED = "unnamed", "No budget holder named yet: the applicant can name one from their application page"
    WAITING = "waiting", "Waiting for the budget holder"
    CONFIRMED = "confirmed", "Funding confirmed by the budget holder"
    DECLINED = "declined", "Funding declined by the budget holder"


class CohortFunding(models.Model):
    funding_kind = models.CharField("who pays", max_length=20, choices=FundingKind.choices, default=FundingKind.FREE)
    fee = models.DecimalField(
        "fee (£)",
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[
            MinValueValidator(Decimal("0"), message="The fee must be 0 or more"),
            MaxValueValidator(FEE_MAX, message=f"The fee must be {FEE_MAX} or less"),
        ],
        help_text="Only if the academy states one. Leave empty if it is not stated.",
    )

    class Meta:
        abstract = True

    @property
    def is_employer_funded(self) -> bool:
        return self.funding_kind == FundingKind.EMPLOYER

    @property
    def funding_text(self) -> str:
        return FUNDING_KIND_TEXT[self.funding_kind]

    @property
    def funding_summary(self) -> str:
        """Who pays, and the fee where the academy states one: for the cohort's card and the cohort choice."""
        if self.fee is None or self.funding_kind == FundingKind.FREE:
            return self.funding_text
        return f"{self.funding_text} The fee is £{self.fee:,.2f}."


FEE_IN_RANGE = models.CheckConstraint(
    condition=Q(fee__isnull=True) | Q(fee__gte=0, fee__lte=FEE_MAX), name="cohort_fee_in_range"
)


class BudgetHolderFields(models.Model):
    budget_holder_name = models.CharField("budget holder's name", max_length=150, blank=True)
    budget_holder_email = models.EmailField("budget holder's e-mail address", blank=True)
    budget_holder_nonce = models.UUIDField(default=uuid.uuid4, editable=False)
    budget_holder_requested_at = models.DateTimeField(null=True, blank=True, editable=False)
    budget_holder_reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    budget_holder_answered_at = models.DateTimeField(null=True, blank=True, editable=False)
    budget_holder_answer = models.CharField(
        max_length=20, choices=BudgetHolderAnswer.choices, blank=True, editable=False
    )

    class Meta:
        abstract = True

    @property
    def funding_state(self) -> str | None:
        """None unless the application's cohort is employer-funded."""
        if self.cohort is None or not self.cohort.is_employer_funded:
            return None
        if not self.budget_holder_email:
            return FundingState.UNNAMED
        return self.budget_holder_answer or FundingState.WAITING

    @property
    def funded_place_text(self) -> str:
        """Who pays for the place the budget holder is asked about; an application for any cohort in a region is
        asked only when a placing would be employer-funded."""
        return self.cohort.get_funding_kind_display() if self.cohort else FundingKind.EMPLOYER.label

    @property
    def funding_state_label(self) -> str:
        state = self.funding_state
        return FundingState(state).label if state else ""
