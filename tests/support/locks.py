"""Row locks in tests: another connection holding one, to prove what a request that needs the row does meanwhile;
and a request refused as busy tried again, as a person would."""

import threading

from django.db import connections, transaction

from portal.locking import RowBusy, lock_row

LOCKED_FOR = 30  # seconds the other transaction holds its lock at most, far beyond the timeout


class HeldLock:
    """Another connection holding a row's lock in its own transaction, until the block ends."""

    def __init__(self, model, pk):
        self.model, self.pk = model, pk
        self.locked, self.release = threading.Event(), threading.Event()
        self.thread = threading.Thread(target=self._hold)

    def _hold(self):
        try:
            with transaction.atomic():
                lock_row(self.model.objects, pk=self.pk)
                self.locked.set()
                self.release.wait(LOCKED_FOR)
        finally:
            connections.close_all()

    def __enter__(self):
        self.thread.start()
        assert self.locked.wait(LOCKED_FOR)
        return self

    def __exit__(self, *exc):
        self.release.set()
        self.thread.join(LOCKED_FOR)


def until_not_busy(work):
    """`work()`, tried again while it is refused as busy (RowBusy: "try again in a few seconds"), as a person would:
    a busy refusal changes nothing, so a concurrency test asks again rather than count it as an answer."""
    while True:
        try:
            return work()
        except RowBusy:
            continue
