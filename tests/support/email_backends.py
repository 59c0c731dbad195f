"""E-mail backends for tests of a real Celery worker, which runs in another process.

They record each message in a folder (TEST_EMAIL_DIR) the test can read, and can fail or stall on the first
attempt, as a mail server that is down or slow would.
"""

import os
import time
from pathlib import Path
from smtplib import SMTPServerDisconnected

from django.core.mail.backends.base import BaseEmailBackend


def sent_emails(folder: Path) -> list[Path]:
    """The e-mails the backends below recorded in `folder`, oldest first."""
    return sorted(folder.glob("sent-*.eml"))


class RecordingBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        folder = Path(os.environ["TEST_EMAIL_DIR"])
        for message in email_messages:
            self.before_sending(folder, message)
            (folder / f"sent-{time.time_ns()}.eml").write_bytes(message.message().as_bytes())
        return len(email_messages)

    def before_sending(self, folder: Path, message) -> None:
        """A hook for the variants below."""


class FailsOnceBackend(RecordingBackend):
    """The first attempt finds the mail server gone; the next goes through."""

    def before_sending(self, folder, message):
        marker = folder / "failed-once"
        if not marker.exists():
            marker.touch()
            raise SMTPServerDisconnected("the mail server went away")


class StallsOnceBackend(RecordingBackend):
    """The first attempt hangs long enough for the test to kill the worker in the middle of sending."""

    def before_sending(self, folder, message):
        marker = folder / "stalled-once"
        if not marker.exists():
            marker.touch()
            time.sleep(600)
