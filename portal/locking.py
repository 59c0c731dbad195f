"""The one way services lock a row: inside their transaction, waiting at most LOCK_TIMEOUT_MS for it.

A short timeout turns a pile-up into a clear "try again" (RowBusy) rather than requests queueing without end. On
PostgreSQL the timeout holds for the rest of the transaction, so rows locked in bulk after a lock_row (the
applications of a cohort locked first) wait no longer either.
"""

from django.conf import settings
from django.db import OperationalError, connections
from django.db.models import Model
from django.db.transaction import TransactionManagementError

from .metrics import metrics_count
from .rules import RuleError

# PostgreSQL's SQLSTATE for a lock not granted within lock_timeout.
LOCK_NOT_AVAILABLE = "55P03"


class RowBusy(RuleError):
    """The row stayed locked past the lock timeout; the request can simply be tried again."""


def lock_row(queryset, **lookup) -> Model | None:
    """Locks the row of `queryset` (a model's manager or a query) matching `lookup` until the transaction ends,
    and returns it, or None when there is no such row. Only that table's row is locked, whatever the query joins.

    A lock outside a transaction would be released as soon as it is taken, so asking for one there is a mistake in
    the code, refused at once on every database.
    """
    connection = connections[queryset.db]
    if not connection.in_atomic_block:
        raise TransactionManagementError(
            "lock_row() must run inside transaction.atomic(): outside a transaction the lock is released at once."
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('lock_timeout', %s, true)", [f"{settings.LOCK_TIMEOUT_MS}ms"])
    try:
        return queryset.select_for_update(of=("self",)).filter(**lookup).first()
    except OperationalError as error:
        if getattr(error.__cause__, "pgcode", None) != LOCK_NOT_AVAILABLE:
            raise
        metrics_count("lock_timeouts")
        what = queryset.model._meta.verbose_name
        raise RowBusy(f"Many people are using this {what} at the moment. Try again in a few seconds.") from error
