"""How a status shows: one table per status field, written next to its enum, that pages and e-mails read.

A model with a `status` field mixes in Presented and sets PRESENTATION, {status: StatusPresentation}, with a row for
every status (a test checks). Templates show `record.presentation.label`, `.tag_class` and `.next_step`, and hold
no status literals (a test checks that too); the e-mails read `email_subject` and `email_message`.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import ClassVar

from django.utils import formats, timezone


@dataclass(frozen=True)
class StatusPresentation:
    """One status's row. The label is the enum's; the texts may hold {fields} the record or e-mail fills in."""

    tag_colour: str = ""  # an NHS.UK tag modifier (green, blue, ...); empty for the plain tag
    academy_label: str = ""  # the label the academy sees, where the enum's speaks to the applicant ("your ...")
    next_step: str = ""  # what the person whose record it is does or waits for next
    email_subject: str = ""  # empty: reaching this status sends no e-mail
    email_message: str = ""


class _Called(dict):
    """Fields for str.format_map worked out only when the text names them, so a page reads nothing it won't show."""

    def __getitem__(self, key):
        return super().__getitem__(key)()


@dataclass(frozen=True)
class ShownStatus:
    """A record's status as a page shows it."""

    label: str
    row: StatusPresentation
    fields: Mapping[str, Callable[[], object]]

    @property
    def academy_label(self) -> str:
        return self.row.academy_label or self.label

    @property
    def tag_class(self) -> str:
        return f"nhsuk-tag nhsuk-tag--{self.row.tag_colour}" if self.row.tag_colour else "nhsuk-tag"

    @property
    def next_step(self) -> str:
        return self.row.next_step.format_map(_Called(self.fields))


class Presented:
    """Mixed into a model with a `status` field and a PRESENTATION table."""

    PRESENTATION: ClassVar[dict[str, StatusPresentation]] = {}

    def presentation_fields(self) -> dict[str, Callable[[], object]]:
        """The {fields} its next step may name, each as a function, so only those named are read."""
        return {}

    @property
    def presentation(self) -> ShownStatus:
        return ShownStatus(
            label=self.get_status_display(), row=self.PRESENTATION[self.status], fields=self.presentation_fields()
        )


def day_text(day: date) -> str:
    """A date as pages and e-mails write it: 5 March 2026."""
    return formats.date_format(day, "j F Y")


def moment_text(moment: datetime) -> str:
    """A moment in local time as pages and e-mails write it: 5 March 2026, 17:00."""
    return formats.date_format(timezone.localtime(moment), "j F Y, H:i")
