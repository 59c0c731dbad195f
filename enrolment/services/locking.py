"""The cohort lock that keeps places within capacity."""

from enrolment.models import Cohort, EnrolmentError
from portal.locking import lock_row


def cohort_lock(*, cohort_id: int) -> Cohort:
    """Locks the cohort row for the rest of the transaction (portal.locking.lock_row: RowBusy if it stays busy)."""
    cohort = lock_row(Cohort.objects, pk=cohort_id)
    if cohort is None:
        raise EnrolmentError("There is no such cohort.")
    return cohort
