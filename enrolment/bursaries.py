"""Bursaries: a cohort may offer a number of them, each an amount or a fee waiver, within a budget; an applicant
asks for one with a statement, which the academy assesses apart from the place.

The fields are abstract models that Cohort and Application take on; the rules are services/bursaries.py. The
statement is personal data (personal_data.py) and only the applicant and the deciding academy see it.
"""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from .funding import FEE_MAX

BURSARY_STATEMENT_LIMIT = 2000
BURSARY_MONEY_MAX = FEE_MAX * 100


class BursaryKind(models.TextChoices):
    AMOUNT = "amount", "An amount towards the costs"
    FEE_WAIVER = "fee_waiver", "The fee waived"


class BursaryState(models.TextChoices):
    REQUESTED = "requested", "Bursary asked for: waiting for the academy"
    AWARDED = "awarded", "Bursary awarded"
    REFUSED = "refused", "Bursary not awarded"


# Where the applicant's request stands, in their words; {amount} is what was awarded.
BURSARY_STATE_TEXT = {
    BursaryState.REQUESTED: "You have asked for a bursary. The academy decides on it apart from your place and will "
    "e-mail you its decision.",
    BursaryState.AWARDED: "You have been awarded a bursary of £{amount}.",
    BursaryState.REFUSED: "You have not been awarded a bursary. This does not change the academy's decision on your "
    "place.",
}


MONEY = {
    "max_digits": 10,
    "decimal_places": 2,
    "null": True,
    "blank": True,
    "validators": [
        MinValueValidator(Decimal("0"), message="Enter an amount of 0 or more"),
        MaxValueValidator(BURSARY_MONEY_MAX, message=f"Enter an amount of {BURSARY_MONEY_MAX} or less"),
    ],
}


class CohortBursaries(models.Model):
    bursaries_available = models.PositiveSmallIntegerField(
        "bursaries offered", default=0, help_text="How many bursaries the cohort offers; 0 if none."
    )
    bursary_kind = models.CharField("each bursary", max_length=20, choices=BursaryKind.choices, blank=True)
    bursary_amount = models.DecimalField("amount of each bursary (£)", **MONEY)
    bursary_budget = models.DecimalField("bursary budget (£)", **MONEY)
    finance_email = models.EmailField(
        "finance team's e-mail address", blank=True, help_text="Told of each bursary decision."
    )

    class Meta:
        abstract = True

    @property
    def offers_bursaries(self) -> bool:
        return self.bursaries_available > 0

    @property
    def bursary_value(self) -> Decimal:
        """What one award costs the budget: the amount, or the fee it waives."""
        value = self.bursary_amount if self.bursary_kind == BursaryKind.AMOUNT else self.fee
        return value or Decimal("0")


BURSARY_MONEY_IN_RANGE = models.CheckConstraint(
    condition=(Q(bursary_amount__isnull=True) | Q(bursary_amount__gte=0))
    & (Q(bursary_budget__isnull=True) | Q(bursary_budget__gte=0)),
    name="cohort_bursary_money_not_negative",
)


class BursaryFields(models.Model):
    bursary_statement = models.TextField("bursary statement", max_length=BURSARY_STATEMENT_LIMIT, blank=True)
    bursary_state = models.CharField(max_length=20, choices=BursaryState.choices, blank=True, editable=False)
    bursary_awarded = models.DecimalField(max_digits=10, decimal_places=2, null=True, blank=True, editable=False)
    bursary_requested_at = models.DateTimeField(null=True, blank=True, editable=False)
    bursary_decided_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        abstract = True

    @property
    def bursary_state_text(self) -> str:
        """Where the applicant's bursary request stands, for their application page; empty if they asked none."""
        if not self.bursary_state:
            return ""
        return BURSARY_STATE_TEXT[self.bursary_state].format(amount=f"{self.bursary_awarded or 0:,.2f}")

    @property
    def bursary_awaits_decision(self) -> bool:
        return self.bursary_state == BursaryState.REQUESTED
