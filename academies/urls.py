from django.urls import path

from . import views

app_name = "roles"
urlpatterns = [
    path("roles/", views.home, name="home"),
    path("roles/<slug:kind>/grant/", views.grant, name="grant"),
    path("roles/<slug:kind>/<int:pk>/revoke/", views.revoke, name="revoke"),
    path("academy/invite/", views.invite, name="invite"),
    path("invitations/<str:token>/", views.invitation, name="invitation"),
]
