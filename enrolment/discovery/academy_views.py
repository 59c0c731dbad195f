from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone

from academies.models import Academy
from academies.selectors import academy_directory, academy_get_for_page
from enrolment.selectors import cohort_upcoming_list, cohorts_soonest
from enrolment.views.common import upcoming_cohorts_page


def academy_list_view(request):
    return render(request, "academies/academy_list.html", {"sections": academy_directory()})


def academy_detail_view(request, slug):
    academy = academy_get_for_page(slug=slug)
    soonest = cohorts_soonest(_upcoming(academy))
    context = {"academy": academy, "cohorts": soonest.cohorts, "soonest": soonest, "now": timezone.now()}
    return render(request, "academies/academy_detail.html", context)


def academy_cohorts_view(request, slug):
    academy = get_object_or_404(Academy, slug=slug)
    return upcoming_cohorts_page(
        request,
        _upcoming(academy),
        of=academy,
        parent_url=reverse("academies:detail", args=[slug]),
        show_academy=False,
    )


def _upcoming(academy):
    return cohort_upcoming_list(today=timezone.localdate()).filter(academy=academy)
