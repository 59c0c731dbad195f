"""The cohort lock that keeps places within capacity."""

from django.conf import settings
from django.db import OperationalError, connection

from enrolment.models import PLACE_HOLDING, Cohort, EnrolmentError


class CohortBusy(EnrolmentError):
    """The cohort stayed locked past the lock timeout; the request can simply be tried again."""


def cohort_lock(*, cohort_id: int) -> Cohort:
    """Locks the cohort row for the rest of the transaction, waiting at most COHORT_LOCK_TIMEOUT_MS.

    A short timeout turns a pile-up into a clear "try again" rather than requests queueing without end.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('lock_timeout', %s, true)", [f"{settings.COHORT_LOCK_TIMEOUT_MS}ms"])
    try:
        return Cohort.objects.select_for_update().get(pk=cohort_id)
    except OperationalError as error:
        raise CohortBusy("Many people are using this cohort at the moment. Try again in a few seconds.") from error


def places_held(cohort: Cohort) -> int:
    """Accepted places plus outstanding offers; read it only while holding cohort_lock."""
    return cohort.applications.filter(status__in=PLACE_HOLDING).count()
