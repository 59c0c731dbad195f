from django.shortcuts import render
from django.utils import timezone

from enrolment.selectors import cohort_upcoming_list

from .selectors import academy_directory, academy_get_for_page


def academy_list_view(request):
    return render(request, "academies/academy_list.html", {"sections": academy_directory()})


def academy_detail_view(request, slug):
    academy = academy_get_for_page(slug=slug)
    cohorts = cohort_upcoming_list(today=timezone.localdate()).filter(academy=academy)
    context = {"academy": academy, "cohorts": cohorts, "now": timezone.now()}
    return render(request, "academies/academy_detail.html", context)
