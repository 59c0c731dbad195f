from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone

from enrolment.selectors import cohort_upcoming_list, cohorts_soonest
from enrolment.views.common import upcoming_cohorts_page
from portal.pagination import paginate
from portal.programme_panels import programme_panels_for
from programmes.finder import rank
from programmes.forms import FinderForm
from programmes.models import Programme
from programmes.search import search_pointers

from .cache import PROGRAMME_KEY, cache_page_for_visitors, catalogue_content, catalogue_part
from .calendar import cohort_calendar, cohort_calendar_filename
from .filters import Problem, ProgrammeFilterSet
from .selectors import (
    cohort_get_for_calendar,
    finder_initial_answers,
    programme_catalogue,
    programme_finder_facts,
    programme_get,
    programme_get_for_page,
)
from .structured_data import course_data

PAGE_SIZE = 20
# The finder's parameter that asks for the questions again, with the answers given, instead of the results.
FINDER_CHANGE = "change"


@cache_page_for_visitors
def programme_list_view(request):
    content = catalogue_content(request, "programmes/includes/catalogue.html", partial(_catalogue_context, request))
    return render(request, "programmes/programme_list.html", {"content": content.html, "problems": content.problems})


def _catalogue_context(request) -> dict:
    today, now = timezone.localdate(), timezone.now()
    discovery = ProgrammeFilterSet(
        request.GET, programme_catalogue(today=today, now=now), today=today, now=now, path=request.path
    )
    facets = discovery.facet_fields()
    pagination = paginate(discovery.qs, request.GET.get("page"), per_page=PAGE_SIZE, url_for=discovery.page_address)
    problems = discovery.problems() + ([Problem(pagination.problem)] if pagination.problem else [])
    searched = getattr(discovery.form, "cleaned_data", {}).get("q") or ""
    return {
        "form": discovery.form,
        "facets": facets,
        "tags": discovery.tags(),
        "clear_address": request.path,
        "pagination": pagination,
        "problems": problems,
        "pointers": search_pointers(searched, discovery.academies()),
    }


def finder_view(request):
    """Unanswered (or asked to change the answers), it asks, starting from what the profile already says;
    answered, it lists what fits, best first, under a summary of the answers."""
    answers = request.GET.copy()
    changing = answers.pop(FINDER_CHANGE, None) is not None
    form = FinderForm(answers or None, initial=finder_initial_answers(request.user))
    matches = None
    if form.is_valid() and not changing:
        today, now = timezone.localdate(), timezone.now()
        matches = rank(programme_finder_facts(today=today, now=now), form.answers())
    change_address = f"?{answers.urlencode()}&{FINDER_CHANGE}=yes"
    return render(
        request, "programmes/finder.html", {"form": form, "matches": matches, "change_address": change_address}
    )


@dataclass(frozen=True)
class ProgrammeShown:
    """What a programme page shows everyone: the programme and its soonest cohorts (for the button, which is the
    person's own), its structured data, and the rest of the page below the button, rendered."""

    programme: Programme
    cohorts: list
    course: dict | None
    content: str


@cache_page_for_visitors
def programme_detail_view(request, slug):
    shown = catalogue_part(request, PROGRAMME_KEY, partial(_programme_shown, slug))
    context = {"programme": shown.programme, "cohorts": shown.cohorts, "course": shown.course, "content": shown.content}
    return render(request, "programmes/programme_detail.html", context)


def _programme_shown(slug: str) -> ProgrammeShown:
    programme = programme_get_for_page(slug=slug)
    soonest = cohorts_soonest(_upcoming(programme))
    course = course_data(programme, soonest.cohorts, url=settings.SITE_URL.rstrip("/") + programme.get_absolute_url())
    content = render_to_string(
        "programmes/includes/programme_content.html",
        {
            "programme": programme,
            "cohorts": soonest.cohorts,
            "soonest": soonest,
            "now": timezone.now(),
            "panels": programme_panels_for(programme),
        },
    )
    return ProgrammeShown(programme, list(soonest.cohorts), course, content)


@cache_page_for_visitors
def programme_cohorts_view(request, slug):
    programme = programme_get(slug=slug)
    return upcoming_cohorts_page(
        request,
        _upcoming(programme),
        of=programme,
        parent_url=programme.get_absolute_url(),
        show_academy=True,
    )


def _upcoming(programme):
    return cohort_upcoming_list(today=timezone.localdate()).filter(programme=programme)


def cohort_calendar_view(request, slug, pk):
    cohort = cohort_get_for_calendar(programme_slug=slug, pk=pk)
    calendar = cohort_calendar(cohort, made_at=timezone.now())
    response = HttpResponse(calendar, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{cohort_calendar_filename(cohort)}"'
    return response
