"""The root URLs: the home page, which composes several apps, then each app's URLs, then the Django admin."""

from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("", include("portal.urls")),
    path("programmes/", include("enrolment.discovery.urls")),
    path("academies/", include("enrolment.discovery.academy_urls")),
    path("coaching/", include("coaching.urls")),
    path("", include("improvement.urls")),
    path("", include("progression.urls")),
    path("", include("selfassessment.urls")),
    path("", include("evaluation.urls")),
    path("", include("enrolment.urls")),
    path("", include("reporting.urls")),
    path("", include("academies.urls")),
    path("api/v1/", include("api.urls")),
    path("admin/", admin.site.urls),
]

# A URL that is no route: the 404 page, or a problem (JSON) under /api/.
handler404 = "config.views.page_not_found"
# A database error outside a view still gets the "try again" page (503); anything else, the 500 page.
handler500 = "portal.middleware.server_error"
