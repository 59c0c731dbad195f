"""Site pages that compose several apps, so they live above them all."""

from django.shortcuts import render
from django.views import defaults

from api.problems import not_found
from enrolment.discovery.selectors import programme_featured_list


def home(request):
    return render(request, "portal/home.html", {"programmes": programme_featured_list()})


def page_not_found(request, exception):
    """The portal's 404 page; under /api/, a problem in JSON, as the API answers everything else."""
    if request.path.startswith("/api/"):
        return not_found(request, exception)
    return defaults.page_not_found(request, exception)
