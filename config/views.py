"""Site pages that compose several apps, so they live above them all."""

from django.shortcuts import render

from enrolment.discovery.selectors import programme_featured_list


def home(request):
    return render(request, "portal/home.html", {"programmes": programme_featured_list()})
