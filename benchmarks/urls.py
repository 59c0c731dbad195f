"""The portal's URLs, and the benchmark's baselines: views that do no work, to measure the server's ceilings."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.urls import path

from config.urls import handler500
from config.urls import urlpatterns as site_urlpatterns

__all__ = ["handler500", "urlpatterns"]


def no_work(request):
    """A short plain response, with no database, template or session: what a request costs the stack alone."""
    return HttpResponse("ok\n", content_type="text/plain")


@login_required
def signed_in_no_work(request):
    """The same, for a signed-in person: what reading their session and loading them costs any signed-in page."""
    return HttpResponse(f"ok {request.user.full_name}\n", content_type="text/plain")


urlpatterns = [
    path("benchmark/no-work/", no_work, name="benchmark_no_work"),
    path("benchmark/signed-in-no-work/", signed_in_no_work, name="benchmark_signed_in_no_work"),
    *site_urlpatterns,
]
