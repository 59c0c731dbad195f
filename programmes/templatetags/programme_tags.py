"""Template filters of the catalogue pages."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

# As Django's json_script escapes them, so no text in the data can close the script element.
SCRIPT_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


@register.filter
def json_ld(data) -> str:
    """`data` in a <script type="application/ld+json">: json_script writes type="application/json", which
    search engines do not read as linked data. It is data, not executable script, so a CSP allows it."""
    text = json.dumps(data, cls=DjangoJSONEncoder).translate(SCRIPT_ESCAPES)
    escaped = mark_safe(text)  # noqa: S308 - escaped above  # nosec B308 B703
    return format_html('<script type="application/ld+json">{}</script>', escaped)
