"""Every page that takes a form, posted empty and posted with nonsense in every box as the role that may use it:
wherever it answers with errors, the error summary lists each error the fields show, each linking to a box on the
page (an input, select or text area, so following the link puts the cursor there), and no Django default message
or empty-choice dash appears. The routes, roles and records are the access matrix's; the Django admin is left out."""

from html.parser import HTMLParser

import pytest

from tests.support.access_world import address, build_world, clients_for
from tests.support.django_messages import django_defaults_in
from tests.test_generated_input import fields_of, role_for, routes, send

pytestmark = pytest.mark.django_db

NONSENSE = "not a valid answer " * 600  # too long for any box, and no number, date, e-mail address or choice


class ErrorsReader(HTMLParser):
    """The error summary's links and messages, the messages beside the fields, and the boxes' ids."""

    def __init__(self):
        super().__init__()
        self.links, self.inline, self.boxes = [], [], set()
        self._in, self._spans = None, 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in ("input", "select", "textarea") and attributes.get("id"):
            self.boxes.add(attributes["id"])
        if tag == "a" and self._in == "summary-list":
            self.links.append([attributes.get("href", ""), ""])
            self._in = "link"
        elif tag == "ul" and "nhsuk-error-summary__list" in (attributes.get("class") or ""):
            self._in = "summary-list"
        elif tag == "span" and self._in == "inline":
            self._spans += 1
        elif tag == "span" and attributes.get("class") == "nhsuk-error-message":
            self.inline.append("")
            self._in, self._spans = "inline", 1

    def handle_endtag(self, tag):
        if tag == "a" and self._in == "link":
            self._in = "summary-list"
        elif tag == "span" and self._in == "inline":
            self._spans -= 1
            self._in = "inline" if self._spans else None
        elif tag == "ul" and self._in == "summary-list":
            self._in = None

    def handle_data(self, data):
        if self._in == "link":
            self.links[-1][1] += data.strip()
        elif self._in == "inline" and data.strip() != "Error:":
            self.inline[-1] = f"{self.inline[-1]} {data.strip()}".strip()


def summary_problems(page: str) -> list[str]:
    reader = ErrorsReader()
    reader.feed(page)
    # "Check your answers" links each problem to the question page that answers it: only links within the page
    # point at a box.
    on_this_page = [(href[1:], text) for href, text in reader.links if href.startswith("#")]
    problems = [f"the summary links to #{box}, which is no box" for box, _ in on_this_page if box not in reader.boxes]
    inline = " ".join(reader.inline)
    problems += [f"the summary's {text!r} is not beside its field" for _, text in on_this_page if text not in inline]
    if reader.inline and not reader.links:
        problems.append("errors beside the fields but no error summary linking to them")
    return problems + [f"Django's default text: {found}" for found in django_defaults_in(page)]


def test_every_form_page_with_errors_has_a_summary_linking_to_each_field():
    world = build_world()
    clients, problems, pages_with_errors = clients_for(world), [], 0
    for url in routes("POST"):
        if url.key.startswith("admin:"):
            continue
        role = role_for(url.key, "POST")
        client, path = clients[role], address(url, world)
        fields = fields_of(send(client, "GET", path, {})[1], "POST", path)
        kept = {name: each.value for name, each in fields.items() if each.kind in ("hidden", "button", "submit")
                and each.value is not None}
        nonsense = {**{name: NONSENSE for name in fields}, **kept}
        for data in ({**kept}, nonsense):
            status, page, _ = send(client, "POST", path, data)
            if "nhsuk-error-message" in page or "nhsuk-error-summary" in page:
                pages_with_errors += 1
                problems += [f"POST {path} as {role}: {problem}" for problem in summary_problems(page)]
    assert pages_with_errors >= 10, "the walk met too few pages with errors to mean anything"
    assert problems == [], "\n".join(problems)
