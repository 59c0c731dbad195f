"""Demo allocations and a nomination: places of the open North West demo cohort allocated to the demo ICS its demo
lead leads, and the demo staff member nominated for one of them.

Made through the real services (allocation_set, nomination_create), so the ledger, audit entries and the nominee's
e-mail are what the portal would make; a re-run finds the allocation and the nomination and changes nothing.
"""

from enrolment.models import Cohort, Nomination, PlaceAllocation
from enrolment.services.allocations import allocation_set
from enrolment.services.nominations import nomination_create
from portal.models import IntegratedCareSystem, User

DEMO_ALLOCATED_PLACES = 3


def demo_allocations_seed(*, cohort: Cohort, admin: User, ics: IntegratedCareSystem, lead: User, nominee: User) -> dict:
    """Returns the labels of what it made, for seed_demo's report."""
    made = {"Demo allocations": [], "Demo nominations": []}
    allocation = PlaceAllocation.objects.filter(cohort=cohort, ics=ics).first()
    if allocation is None:
        allocation = allocation_set(admin=admin, cohort_id=cohort.pk, places=DEMO_ALLOCATED_PLACES, ics=ics)
        made["Demo allocations"].append(f"{allocation.places} places of {cohort} for {ics}")
    if not Nomination.objects.filter(cohort=cohort, email=nominee.email).exists():
        nomination_create(nominator=lead, allocation_id=allocation.pk, email=nominee.email)
        made["Demo nominations"].append(f"{nominee.full_name}, nominated by {lead.full_name}")
    return made
