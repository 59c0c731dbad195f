"""Checks on free text that goes beyond the page it was typed on: into e-mail headers, filenames and log lines."""

from django.core.validators import RegexValidator

# Line breaks and other control characters: a name carried into an e-mail's Subject must stay one header line.
single_line = RegexValidator(
    r"[\x00-\x1f\x7f]",
    inverse_match=True,
    message="Enter this on one line, without line breaks or tabs",
    code="not_single_line",
)
