"""/api/v1/: the OpenAPI 3 schema, generated from the code, and its documentation page, served from the portal's
own static files (drf-spectacular-sidecar: no CDN, within the Content-Security-Policy)."""

from django.urls import path
from drf_spectacular.views import SpectacularJSONAPIView, SpectacularSwaggerSplitView

app_name = "api"

urlpatterns = [
    path("schema/", SpectacularJSONAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
]
