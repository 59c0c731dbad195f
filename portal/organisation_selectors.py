"""Reads for choosing an organisation: the search a person picks theirs from (by name or ODS code), and the
organisations people named because theirs was not listed, for national admins to map."""

from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Min, Q, QuerySet, Value, When
from django.db.models.functions import Lower

from .models import Organisation, StaffProfile, User

SEARCH_LIMIT = 20  # a page of radios a phone can scroll; more means the query should be narrower


def organisations_offered(person: User) -> QuerySet[Organisation]:
    """What `person` may say they work for: open organisations, and demo ones only to a demo person (a real person
    never works for a demo organisation)."""
    offered = Organisation.objects.choosable()
    return offered if person.is_demo else offered.filter(is_demo=False)


@dataclass(frozen=True)
class SearchResults:
    organisations: list[Organisation]
    more: bool  # there were more matches than SEARCH_LIMIT: the person should narrow the search


def organisation_search(*, offered: QuerySet[Organisation], query: str) -> SearchResults:
    """The `offered` organisations whose ODS code is the query or whose name has every word of it: an
    exact code first, then names that begin with it, then the rest by name. One query, however many match."""
    words = query.split()
    by_name = Q()
    for word in words:
        by_name &= Q(name__icontains=word)
    ranked = (
        offered.filter(by_name | Q(ods_code__iexact=query))
        .annotate(
            rank=Case(
                When(ods_code__iexact=query, then=Value(0)),
                When(name__istartswith=query, then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        .select_related("ics")
        .order_by("rank", "name", "pk")
    )
    found = list(ranked[: SEARCH_LIMIT + 1])
    return SearchResults(found[:SEARCH_LIMIT], len(found) > SEARCH_LIMIT)


def workplace_text(*, user_id: int) -> str:
    """Where the person says they work, in words: their organisation with its ODS code (and Demo when it is one),
    or the name they gave for one not listed; "" when they have not said."""
    profile = StaffProfile.objects.select_related("organisation").filter(user_id=user_id).first()
    organisation = profile.organisation if profile else None
    if organisation:
        code = f" ({organisation.ods_code})" if organisation.ods_code else ""
        return f"{organisation.name}{code}{' (Demo)' if organisation.is_demo else ''}"
    if profile and profile.unlisted_organisation_name:
        return f"{profile.unlisted_organisation_name} (not listed yet: a national admin will add it)"
    return ""


def unlisted_organisation_names() -> QuerySet:
    """Each name people gave for an organisation that was not listed, with how many gave it, most first. Names that
    differ only in capitals are one row ("st elsewhere" and "St Elsewhere"); "St Elsewhere Hospital" is another."""
    return (
        StaffProfile.objects.exclude(unlisted_organisation_name="")
        .values(key=Lower("unlisted_organisation_name"))
        .annotate(name=Min("unlisted_organisation_name"), people=Count("pk"))
        .order_by("-people", "key")
    )
