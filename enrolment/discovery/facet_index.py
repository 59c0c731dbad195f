"""Which programmes each facet option matches, worked out once per catalogue version in each process, so that a
search nobody has made before counts its options with set arithmetic instead of a query of a hundred EXISTS.

The catalogue's facets change only when the catalogue does (its version, enrolment/discovery/cache.py) or with the
clock (an application window opening, a cohort starting): an index is used while the version is the one it was made
under, on the day it was made, for at most PAGE_SECONDS, the same bounds as a cached page. With no version (an
emptied cache, or one that is down) it is made for the request and not kept.
"""

import time
from dataclasses import dataclass
from datetime import date

from django.core.cache import cache
from django.db.models import BooleanField, ExpressionWrapper, QuerySet

from .cache import PAGE_SECONDS, VERSION_KEY


@dataclass(frozen=True)
class FacetIndex:
    version: str | None
    today: date
    made_at: float
    options: dict[str, dict]  # facet name -> option value -> Option, as CatalogueOptions made them
    matches: dict[str, dict[str, frozenset[int]]]  # facet name -> option value -> the programmes it matches

    def current(self, version: str | None, today: date) -> bool:
        return (
            version is not None
            and self.version == version
            and self.today == today
            and time.time() - self.made_at < PAGE_SECONDS
        )

    def counts(self, within: set[int], chosen: dict[str, list[str]]) -> dict[str, dict[str, int]]:
        """Each option's count among `within` (the programmes the search and dates leave) under every other facet's
        choices: what the page shows beside each checkbox."""
        allowed = {
            name: frozenset().union(*(self.matches[name][value] for value in values if value in self.matches[name]))
            for name, values in chosen.items()
        }
        counts = {}
        for name, matches in self.matches.items():
            pool = within
            for other, ids in allowed.items():
                if other != name:
                    pool = pool & ids
            counts[name] = {value: len(pool & ids) for value, ids in matches.items()}
        return counts


_kept: dict[str, FacetIndex] = {}


def facet_index(facets: list, catalogue: QuerySet, *, today: date) -> FacetIndex:
    """This process's index if it is current, else a new one from the facets' options over `catalogue`."""
    version = cache.get(VERSION_KEY)
    kept = _kept.get("index")
    if kept is not None and kept.current(version, today):
        return kept
    index = _made(facets, catalogue, version, today)
    if version is not None:
        _kept["index"] = index
    return index


def _made(facets: list, catalogue: QuerySet, version: str | None, today: date) -> FacetIndex:
    """One query: a row per programme, with a flag per option."""
    options = {facet.field_name: facet.options for facet in facets}
    flags = {
        f"option_{number}": (name, value)
        for number, (name, value) in enumerate((name, value) for name, each in options.items() for value in each)
    }
    matched = {name: {value: set() for value in each} for name, each in options.items()}
    rows = catalogue.order_by().annotate(
        **{
            flag: ExpressionWrapper(options[name][value].q, output_field=BooleanField())
            for flag, (name, value) in flags.items()
        }
    ).values_list("pk", *flags)
    for pk, *set_flags in rows:
        for (name, value), flagged in zip(flags.values(), set_flags, strict=True):
            if flagged:
                matched[name][value].add(pk)
    frozen = {name: {value: frozenset(ids) for value, ids in each.items()} for name, each in matched.items()}
    return FacetIndex(version, today, time.time(), options, frozen)
