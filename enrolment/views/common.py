"""What the views of applying and enrolling share: turning a rule's "no" into a message, and the page of a
programme's or an academy's upcoming cohorts."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone

from enrolment.models import EnrolmentError
from enrolment.selectors import demo_cohort_count
from portal.pagination import paginate


def refuse(request, error: EnrolmentError, to: str, *args):
    """Shows why a rule refused the request and sends the user back; the service changed nothing."""
    messages.error(request, str(error))
    return redirect(to, *args)


COHORTS_PER_PAGE = 20


def upcoming_cohorts_page(request, upcoming, *, of, parent_url: str, show_academy: bool):
    """Every cohort of `upcoming`, soonest first, a page at a time, under the name of `of` (the programme or academy
    they are cohorts of; labelled Demo if it is demo)."""
    caption = str(of)
    pagination = paginate(
        upcoming,
        request.GET.get("page"),
        per_page=COHORTS_PER_PAGE,
        url_for=lambda number: f"{request.path}?page={number}",
    )
    context = {
        "caption": caption,
        "of": of,
        "pagination": pagination,
        "demo_count": demo_cohort_count(upcoming),
        "show_academy": show_academy,
        "now": timezone.now(),
        "parent_url": parent_url,
        "parent_label": caption,
    }
    return render(request, "enrolment/upcoming_cohorts.html", context)
