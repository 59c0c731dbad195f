from django.urls import path

from . import api_token_views, views

app_name = "roles"
urlpatterns = [
    path("roles/", views.home, name="home"),
    path("roles/<slug:kind>/grant/", views.grant, name="grant"),
    path("roles/<slug:kind>/<int:pk>/revoke/", views.revoke, name="revoke"),
    path("academy/invite/", views.invite, name="invite"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
    path("academy/api-tokens/", api_token_views.api_tokens, name="api_tokens"),
    path("academy/api-tokens/new/", api_token_views.api_token_create, name="api_token_create"),
    path("academy/api-tokens/<int:pk>/revoke/", api_token_views.api_token_revoke, name="api_token_revoke"),
]
