from django.shortcuts import render
from django.utils import timezone

from enrolment.selectors import cohort_upcoming_list

from .selectors import programme_get_for_page, programme_list


def programme_list_view(request):
    return render(request, "programmes/programme_list.html", {"programmes": programme_list()})


def programme_detail_view(request, slug):
    programme = programme_get_for_page(slug=slug)
    cohorts = cohort_upcoming_list(today=timezone.localdate()).filter(programme=programme)
    return render(request, "programmes/programme_detail.html", {"programme": programme, "cohorts": cohorts})
