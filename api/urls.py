"""/api/v1/: the OpenAPI 3 schema, generated from the code, and its documentation page, a page of the portal
rendered from that schema (api.docs_views)."""

from django.urls import path
from drf_spectacular.views import SpectacularJSONAPIView

from . import academy_views, catalogue_views, cohort_views, docs_views, record_views, webhook_views

app_name = "api"

urlpatterns = [
    path("schema/", SpectacularJSONAPIView.as_view(), name="schema"),
    path("docs/", docs_views.api_docs, name="docs"),
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
    path(
        "academy/webhooks/deliveries/", webhook_views.WebhookDeliveryList.as_view(), name="academy_webhook_deliveries"
    ),
    path(
        "academy/webhooks/deliveries/<int:pk>/resend/",
        webhook_views.WebhookDeliveryResend.as_view(),
        name="academy_webhook_delivery_resend",
    ),
    path(
        "academy/sessions/<int:pk>/attendance/",
        record_views.SessionAttendance.as_view(),
        name="academy_session_attendance",
    ),
    path("academy/cohorts/<int:pk>/outcomes/", record_views.CohortOutcomes.as_view(), name="academy_cohort_outcomes"),
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
