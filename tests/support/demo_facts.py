"""Finding what demo data adds to a page and whether each addition says Demo, for tests/portal/test_demo_labels.py.

A page is read as text blocks: each block element (a paragraph, list item, table cell, label, option, heading,
the JSON-LD script...) with the text of its inline content, nested blocks left out. The blocks of a page rendered
with demo data that the same page without it lacks are what demo data brought, and each must be labelled: the
word Demo in the block itself, or in the heading of something it belongs to (a card's heading, a table row's
header, a summary list row's key, a table's caption, a section's heading, the page's own heading, for a page
about a demo record). A heading the demo data brought is labelled by what it heads: a heading over nothing but
demo items says what they are.
"""

import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser

DEMO = re.compile(r"\bDemo\b")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
BLOCKS = {
    "address", "article", "aside", "blockquote", "caption", "dd", "details", "div", "dl", "dt", "fieldset",
    "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "legend", "li", "main",
    "nav", "ol", "option", "p", "section", "select", "summary", "table", "tbody", "td", "text", "th", "thead", "title",
    "tr", "ul", "script", "svg", "body", "html", "head",
}
SKIPPED = {"style", "noscript"}
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
# The element whose id marks enrolment.selectors.programme_action's card (another branch labels it).
PROGRAMME_ACTION_ID = "programme-action"


@dataclass(eq=False)
class Node:
    tag: str
    attrs: dict
    parent: "Node | None" = None
    children: list = field(default_factory=list)

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def text(self) -> str:
        """All the text inside, blocks included."""
        return " ".join(" ".join(self._pieces(own_only=False)).split())

    def own_text(self) -> str:
        """The text of this block and its inline content, not of the blocks inside it."""
        return " ".join(" ".join(self._pieces(own_only=True)).split())

    def _pieces(self, *, own_only: bool):
        for child in self.children:
            if isinstance(child, str):
                yield child
            elif child.tag not in SKIPPED and not (own_only and child.tag in BLOCKS):
                yield from child._pieces(own_only=own_only)

    def descendants(self):
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.descendants()

    def first(self, test) -> "Node | None":
        return next((node for node in self.descendants() if test(node)), None)

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


class TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.current = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, dict(attrs), self.current)
        self.current.children.append(node)
        if tag not in VOID:
            self.current = node

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(Node(tag, dict(attrs), self.current))

    def handle_endtag(self, tag):
        for node in [self.current, *self.current.ancestors()]:
            if node.tag == tag:
                self.current = node.parent or self.root
                return

    def handle_data(self, data):
        self.current.children.append(data)


def parse(html: str) -> Node:
    builder = TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def blocks(root: Node) -> list[Node]:
    """Every block with text of its own (a JSON-LD script counts; other scripts do not)."""
    found = []
    for node in root.descendants():
        if node.tag not in BLOCKS or not node.own_text():
            continue
        if node.tag == "script" and node.attrs.get("type") != "application/ld+json":
            continue
        found.append(node)
    return found


def heading_of(node: Node) -> str:
    """The text that names what `node` holds, if it is a thing that has one."""
    if "nhsuk-card" in node.classes:
        heading = node.first(lambda n: "nhsuk-card__heading" in n.classes)
    elif node.tag == "tr":
        heading = node.first(lambda n: n.tag == "th" and n.attrs.get("scope") == "row") or node.first(
            lambda n: n.tag == "td"
        )
    elif "nhsuk-summary-list__row" in node.classes:
        heading = node.first(lambda n: n.tag == "dt")
    elif node.tag == "table":
        heading = node.first(lambda n: n.tag == "caption")
    elif node.tag == "section" or "app-report-table" in node.classes:
        heading = node.first(lambda n: n.tag in HEADINGS)
    else:
        return ""
    return heading.text() if heading else ""


def page_heading(root: Node) -> str:
    """The main content's h1 and the caption over it: what the whole page is about."""
    main = root.first(lambda n: n.tag == "main") or root
    title = main.first(lambda n: n.tag == "h1")
    caption = main.first(lambda n: "nhsuk-caption-l" in n.classes)
    return " ".join(part.text() for part in (caption, title) if part)


def headed(node: Node) -> str:
    """What a heading heads: a legend its fieldset, an h2 the elements after it up to the next h2 (or h1)."""
    if node.tag == "legend":
        return node.parent.text() if node.parent else ""
    if node.tag not in HEADINGS:
        return ""
    siblings = [child for child in node.parent.children if isinstance(child, Node)]
    parts = []
    for sibling in siblings[siblings.index(node) + 1 :]:
        if sibling.tag in HEADINGS and sibling.tag <= node.tag:
            break
        parts.append(sibling.text())
    return " ".join(parts)


def is_labelled(node: Node) -> bool:
    """Whether the block or something it belongs to says Demo (the page's own heading is read once, by the caller)."""
    return (
        bool(DEMO.search(node.own_text()))
        or bool(DEMO.search(headed(node)))
        or any(DEMO.search(heading_of(above)) for above in node.ancestors())
    )


def in_programme_action(node: Node) -> bool:
    return any(above.attrs.get("id") == PROGRAMME_ACTION_ID for above in node.ancestors())


@dataclass(frozen=True)
class Unlabelled:
    page: str
    text: str
    in_programme_action: bool

    def __str__(self):
        return f"{self.page}: {self.text[:160]!r}"


def unlabelled_demo_facts(page: str, without_demo: str | None, with_demo: str) -> list[Unlabelled]:
    """The blocks of `with_demo` that `without_demo` (the same page before demo data; None if it had no such page)
    lacks and that do not say Demo.

    Blocks are matched by tag and text, wherever they are; the page before accounts for unlabelled blocks first, so
    that a labelled demo table's "0" does not use up the "0" of a real table further down.
    """
    root = parse(with_demo)
    if DEMO.search(page_heading(root)):
        return []  # a page about a demo record: everything on it is labelled by its heading
    before = Counter(
        (node.tag, node.own_text()) for node in (blocks(parse(without_demo)) if without_demo is not None else [])
    )
    unlabelled = {}
    for node in blocks(root):
        if not is_labelled(node):
            unlabelled.setdefault((node.tag, node.own_text()), []).append(node)
    return [
        Unlabelled(page, text, in_programme_action(node))
        for (tag, text), nodes in unlabelled.items()
        for node in nodes[before[tag, text] :]
    ]
