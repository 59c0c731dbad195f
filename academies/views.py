from django.shortcuts import render
from django.utils import timezone

from enrolment.selectors import cohort_upcoming_list

from .selectors import academy_get_for_page, academy_groups


def academy_list_view(request):
    return render(request, "academies/academy_list.html", {"groups": academy_groups()})


def academy_detail_view(request, slug):
    academy = academy_get_for_page(slug=slug)
    cohorts = cohort_upcoming_list(today=timezone.localdate()).filter(academy=academy)
    return render(request, "academies/academy_detail.html", {"academy": academy, "cohorts": cohorts})
