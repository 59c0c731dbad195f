"""Small-number suppression, so that no published table lets a reader work out a count under five.

Primary suppression: a count under SMALL_NUMBER (zero included: "none of the 6 Black applicants was offered a
place" says something about each of them) is not shown.

Secondary suppression: a reader can subtract. A table publishes totals, and some counts it does not print can be
worked out from those it does (applicants minus offers is the number not offered). So the table is described as
cells and lines, each line saying "this cell is the sum of those", and the rules are applied until no line
gives a small count away:

1. a line with just one unknown cell gives that cell away, and what is given away is known to every other line;
2. a hidden small count must not be given away;
3. where a line's total is known, its unknown cells' sum is known too: it must not be a small number either
   when one of them is small.

Each time a rule is broken, one more cell the leak rests on is hidden (a cell of the offending line, or of a line
one of its cells was worked out from): the smallest, a part before a total, then the earlier in the table. Every
step hides one more cell, so it always ends.

Cells the page publishes elsewhere (the summary's totals) are known to the reader whatever the table does: they are
never hidden, and the rules count them as known.
"""

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

from portal.small_numbers import SMALL_NUMBER


@dataclass(frozen=True)
class Line:
    """total = sum(parts)."""

    total: Hashable
    parts: tuple[Hashable, ...]

    @property
    def cells(self) -> tuple[Hashable, ...]:
        return (self.total, *self.parts)


def cells_to_hide(
    values: Mapping[Hashable, int],
    shown: Sequence[Hashable],
    lines: Sequence[Line],
    threshold: int = SMALL_NUMBER,
    published: Sequence[Hashable] = (),
) -> frozenset:
    """The cells of `shown` to print as suppressed.

    `values` holds every cell, printed or not (the order of its keys breaks ties); `shown` the printed cells;
    `published` those of them the reader has from elsewhere on the page.
    """
    order = {cell: index for index, cell in enumerate(values)}
    totals = {line.total for line in lines}
    kept = set(published)
    shown_set = set(shown) | kept
    public = _worked_out(kept, lines)[0]  # the summary's own arithmetic: no table can hide it
    small = {cell for cell, value in values.items() if value < threshold} - public
    hidden = {cell for cell in shown if cell in small} - kept
    while True:
        offending = _offending_line(values, shown_set - hidden, small, lines, threshold, order)
        if offending is None:
            return frozenset(hidden)
        line, derived_by = offending
        candidates = _visible_cells_behind(line, derived_by, shown_set - hidden) - kept
        if not candidates:  # every cell the leak rests on is hidden already: hide the smallest left anywhere
            candidates = shown_set - hidden - kept
        if not candidates:
            return frozenset(hidden)
        hidden.add(min(candidates, key=lambda cell: (cell in totals, values[cell], order[cell])))


def _offending_line(values, visible, small, lines, threshold, order):
    """The first line that gives a small count away, with what each derived cell was derived from; else None."""
    known, derived_by = _worked_out(visible, lines)
    leaked = sorted(small & known - visible, key=order.__getitem__)
    if leaked:
        return derived_by[leaked[0]], derived_by
    for line in lines:
        unknown = [cell for cell in line.parts if cell not in known]
        if line.total in known and len(unknown) > 1 and small.intersection(unknown):
            if sum(values[cell] for cell in unknown) < threshold:
                return line, derived_by
    return None


def _worked_out(cells, lines) -> tuple[set, dict]:
    """Every cell that follows from `cells` (rule 1, repeated), and the line each new one came from."""
    known = set(cells)
    derived_by = {}
    changed = True
    while changed:
        changed = False
        for line in lines:
            unknown = [cell for cell in line.cells if cell not in known]
            if len(unknown) == 1:
                known.add(unknown[0])
                derived_by[unknown[0]] = line
                changed = True
    return known, derived_by


def _visible_cells_behind(line, derived_by, visible) -> set:
    """The printed cells a leak through `line` rests on: its own, and those of every line its other cells were
    worked out from. Hiding any of them breaks the chain."""
    seen, queue, found = set(), [line], set()
    while queue:
        current = queue.pop()
        if current in seen:
            continue
        seen.add(current)
        found |= {cell for cell in current.cells if cell in visible}
        queue += [derived_by[cell] for cell in current.cells if cell in derived_by and derived_by[cell] != current]
    return found
