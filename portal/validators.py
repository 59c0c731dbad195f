"""Checks on what people type that goes beyond the page it was typed on: free text into e-mail headers, filenames
and log lines; dates into calendars and timetables."""

import re

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator

# Line breaks and other control characters: a name carried into an e-mail's Subject must stay one header line.
single_line = RegexValidator(
    r"[\x00-\x1f\x7f]",
    inverse_match=True,
    message="Enter this on one line, without line breaks or tabs",
    code="not_single_line",
)

CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f]")


def collapse_spaces(text: str) -> str:
    """`text` as words one space apart: control characters (a NUL among them) and runs of spaces become one space,
    so text to look for can never break a query."""
    return " ".join(CONTROL_CHARACTERS.sub(" ", text).split())


FIRST_YEAR, LAST_YEAR = 2000, 2099


def within_service_years(value) -> None:
    """A date or time a person typed lies in the years the portal plans for: a typo such as 9999 or 0001 is refused
    here, before any page turns it into a calendar, a timetable or a count of weeks."""
    if not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValidationError(
            f"Enter a date between 1 January {FIRST_YEAR} and 31 December {LAST_YEAR}", code="out_of_range"
        )
