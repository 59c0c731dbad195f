from django.urls import path

from . import views

app_name = "reporting"
urlpatterns = [
    path("ics/", views.system_list, name="systems"),
    path("ics/<slug:slug>/", views.ics_dashboard, name="ics_dashboard"),
    path("ics/<slug:slug>/export/<slug:table>.csv", views.ics_export, name="ics_export"),
    path("national/", views.national, name="national"),
    path("national/export/<slug:table>.csv", views.national_export, name="national_export"),
    path("profile/equality/", views.equality_profile, name="equality_profile"),
    path("profile/equality/delete/", views.equality_profile_delete, name="equality_profile_delete"),
]
