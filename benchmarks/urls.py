"""The portal's URLs, and the benchmark's baseline: a view that does no work, to measure the server's ceiling."""

from django.http import HttpResponse
from django.urls import path

from portal.urls import handler500
from portal.urls import urlpatterns as portal_urlpatterns

__all__ = ["handler500", "urlpatterns"]


def no_work(request):
    """A short plain response, with no database, template or session: what a request costs the stack alone."""
    return HttpResponse("ok\n", content_type="text/plain")


urlpatterns = [path("benchmark/no-work/", no_work, name="benchmark_no_work"), *portal_urlpatterns]
