"""/api/v1/: the OpenAPI 3 schema, generated from the code, and its documentation page, served from the portal's
own static files (drf-spectacular-sidecar: no CDN, within the Content-Security-Policy)."""

from django.urls import path
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerSplitView

from . import academy_views, catalogue_views, cohort_views

app_name = "api"

urlpatterns = [
    path("schema/", SpectacularJSONAPIView.as_view(), name="schema"),
    path(
        "docs/",
        SpectacularSwaggerSplitView.as_view(url_name="api:schema", template_name="api/swagger_ui.html"),
        name="docs",
    ),
    path("programmes/", catalogue_views.programme_list, name="programmes"),
    path("programmes/<str:slug>/", catalogue_views.programme_detail, name="programme"),
    path("academies/", catalogue_views.academy_list, name="academies"),
    path("academies/<str:slug>/", catalogue_views.academy_detail, name="academy"),
    path("cohorts/", catalogue_views.cohort_list, name="cohorts"),
    path("academy/applications/", academy_views.ApplicationList.as_view(), name="academy_applications"),
    path(
        "academy/applications/<int:pk>/", academy_views.ApplicationDetail.as_view(), name="academy_application"
    ),
    path(
        "academy/applications/<int:pk>/decision/",
        academy_views.ApplicationDecision.as_view(),
        name="academy_application_decision",
    ),
    path("academy/cohorts/", cohort_views.CohortList.as_view(), name="academy_cohorts"),
    path("academy/cohorts/<int:pk>/", cohort_views.CohortDetail.as_view(), name="academy_cohort"),
    path("academy/cohorts/<int:pk>/cancel/", cohort_views.CohortCancel.as_view(), name="academy_cohort_cancel"),
    path("academy/cohorts/<int:pk>/sessions/", cohort_views.CohortSessions.as_view(), name="academy_cohort_sessions"),
    path(
        "academy/cohorts/<int:pk>/sessions/generate/",
        cohort_views.SessionsGenerate.as_view(),
        name="academy_sessions_generate",
    ),
    path("academy/sessions/<int:pk>/", cohort_views.SessionDetail.as_view(), name="academy_session"),
]
