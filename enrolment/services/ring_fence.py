"""Ring-fenced places: an allocation of a cohort's places kept for applicants who declare that they are someone the
programme's own published rule names (the academy types the rule's wording and where it is published), and the
applicant's declaration, special category data in a table of its own (RingFenceDeclaration). A ring-fenced place
is charged only to a declarant (allocations.charged_allocation), under the cohort lock."""

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction

from enrolment.models import Application, EnrolmentError, PlaceAllocation, RingFenceDeclaration
from portal.audit import audit_record
from portal.models import AuditEntry, User

from .allocations import AllocationRefused, _check_places, allocatable_cohort_lock
from .applications import _own_application_locked

RULE_LIMIT = PlaceAllocation._meta.get_field("ring_fence_rule").max_length


def _rule_refusal(rule: str, source: str) -> AllocationRefused | None:
    if not rule:
        return AllocationRefused("Enter the programme's rule: who the places are kept for", "rule")
    if len(rule) > RULE_LIMIT:
        return AllocationRefused(f"The rule must be {RULE_LIMIT} characters or fewer", "rule")
    try:
        URLValidator(schemes=["http", "https"])(source)
    except ValidationError:
        return AllocationRefused(
            "Enter the address where the rule is published, like https://www.example.nhs.uk/", "source"
        )
    return None


def ring_fence_set(*, admin: User, cohort_id: int, places: int, rule: str, source: str) -> PlaceAllocation:
    """Keeps `places` of the cohort for applicants who declare the programme's rule (its wording as published at
    `source`), or changes how many the allocation with that wording has, within the cohort's ledger
    (allocations._check_places)."""
    rule, source = rule.strip(), source.strip()
    refusal = _rule_refusal(rule, source)
    if refusal:
        raise refusal
    if places < 0:
        raise AllocationRefused("The number of places must be 0 or more")
    with transaction.atomic():
        cohort = allocatable_cohort_lock(admin=admin, cohort_id=cohort_id)
        allocation = cohort.allocations.filter(ring_fence_rule=rule).first()
        allocation = allocation or PlaceAllocation(cohort=cohort, ring_fence_rule=rule)
        _check_places(cohort, allocation, places)
        allocation.places = places
        allocation.ring_fence_source = source
        allocation.save()
        audit_record(
            action=AuditEntry.Action.COHORT_UPDATED,
            actor=admin,
            target=cohort,
            summary=f"ring-fenced allocation {allocation.pk}: {places} places",
        )
    return allocation


def ring_fenced_allocations(cohort_id: int | None):
    """The cohort's ring-fenced allocations, whose rules its applicants may declare."""
    return PlaceAllocation.objects.filter(cohort_id=cohort_id).exclude(ring_fence_rule="").order_by("pk")


@transaction.atomic
def declaration_save(*, application_id: int, applicant: User, allocation_ids: list[int]) -> Application:
    """Records that the applicant is someone each of these ring-fenced allocations' rules names (all of the
    draft's cohort), and withdraws any declaration they no longer make. Declaring is optional; it is changed only
    while the application is a draft."""
    application = _own_application_locked(application_id, applicant)
    if application.status != Application.Status.DRAFT:
        raise EnrolmentError("This application has been submitted, so it can no longer be changed.")
    chosen = {allocation.pk: allocation for allocation in ring_fenced_allocations(application.cohort_id)}
    if not set(allocation_ids) <= set(chosen):
        raise EnrolmentError("Choose only the places kept on the cohort you are applying for.")
    kept = RingFenceDeclaration.objects.filter(application=application)
    kept.exclude(allocation_id__in=allocation_ids).delete()
    for pk in set(allocation_ids) - set(kept.values_list("allocation_id", flat=True)):
        allocation = chosen[pk]
        RingFenceDeclaration.objects.create(
            application=application, allocation=allocation, rule=allocation.ring_fence_rule
        )
    return application
