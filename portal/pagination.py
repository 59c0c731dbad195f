"""Pages of a long list for any list page: a page number from the query string, whatever was typed."""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator


class FixedQueryPaginator(Paginator):
    """Fetches the page even when it is empty, so a page's query count never depends on how many results it has.

    (Django's Paginator skips the query for an empty page, which makes the count vary.)
    """

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        return self._get_page(self.object_list[bottom : bottom + self.per_page], number, self)


@dataclass(frozen=True)
class PageLink:
    number: int | None  # None for the ellipsis between distant pages
    url: str = ""
    current: bool = False


@dataclass(frozen=True)
class Pagination:
    page: Page
    problem: str  # what was wrong with the page asked for, or ""
    links: list[PageLink]
    previous_url: str
    next_url: str


def paginate(object_list, requested: str | None, *, per_page: int, url_for: Callable[[int], str]) -> Pagination:
    """The page asked for; page 1 for one that is not a number, the last page for one past the end."""
    paginator = FixedQueryPaginator(object_list, per_page)
    problem = ""
    try:
        page = paginator.page(requested or 1)
    except PageNotAnInteger:
        page = paginator.page(1)
        problem = "The page asked for is not a number, so this is the first page."
    except EmptyPage:
        page = paginator.page(paginator.num_pages)
        problem = f"There is no such page, so this is the last page, page {page.number}."
    links = [
        PageLink(None) if number == Paginator.ELLIPSIS else PageLink(number, url_for(number), number == page.number)
        for number in paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
    ]
    return Pagination(
        page=page,
        problem=problem,
        links=links,
        previous_url=url_for(page.previous_page_number()) if page.has_previous() else "",
        next_url=url_for(page.next_page_number()) if page.has_next() else "",
    )


def same_search_page(request, number: int) -> str:
    """The same search, on another page: paginate's url_for, as partial(same_search_page, request)."""
    params = request.GET.copy()
    params["page"] = str(number)
    return f"{request.path}?{params.urlencode()}"
