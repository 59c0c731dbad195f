"""The forms a page shows, read from its HTML as a browser would: each form's method, action and fields, with the
values the browser would send if the person changed nothing."""

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Field:
    name: str
    kind: str  # an input's type, or "select", "textarea", "button"
    options: list[str] = field(default_factory=list)
    value: str | None = None  # what the browser sends as the page stands; None for nothing


@dataclass
class Form:
    method: str
    action: str
    fields: dict[str, Field] = field(default_factory=dict)

    def as_sent(self) -> dict[str, str]:
        """What a browser would post with nothing changed (buttons left out)."""
        return {
            name: each.value for name, each in self.fields.items() if each.value is not None and each.kind != "button"
        }


class _FormReader(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms: list[Form] = []
        self._select: Field | None = None
        self._textarea: Field | None = None

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if tag == "form":
            self.forms.append(Form((attributes.get("method") or "get").lower(), attributes.get("action", "")))
        elif not self.forms:
            return
        elif tag in ("input", "textarea", "select", "button") and attributes.get("name"):
            self._add(tag, attributes)
        elif tag == "option" and self._select is not None:
            self._option(attributes)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value = (self._textarea.value or "") + data

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None

    def _option(self, attributes):
        select = self._select
        select.options.append(attributes.get("value", ""))
        if "selected" in attributes or select.value is None:
            select.value = attributes.get("value", "")

    def _add(self, tag, attributes):
        kind = attributes.get("type", "text") if tag == "input" else tag
        if kind in ("image", "reset", "file"):
            return
        fields = self.forms[-1].fields
        name = attributes["name"]
        each = fields.setdefault(name, Field(name, kind))
        value = attributes.get("value", "on" if kind in ("checkbox", "radio") else "")
        if kind in ("radio", "checkbox", "submit", "button"):
            each.options.append(value)
            if "checked" in attributes or kind in ("submit", "button"):
                each.value = value
        elif tag == "select":
            self._select = each
        elif tag == "textarea":
            self._textarea = each
            each.value = ""
        else:
            each.value = value


def forms_of(html: str) -> list[Form]:
    reader = _FormReader()
    reader.feed(html)
    return reader.forms
