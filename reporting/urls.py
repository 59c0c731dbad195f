from django.urls import path

from . import funnel_views, views

app_name = "reporting"
urlpatterns = [
    path("ics/", views.system_list, name="systems"),
    path("ics/<slug:slug>/", views.ics_dashboard, name="ics_dashboard"),
    path("ics/<slug:slug>/export/<slug:table>.csv", views.ics_export, name="ics_export"),
    path("ics/<slug:slug>/funnel/", funnel_views.ics_funnel, name="ics_funnel"),
    path("ics/<slug:slug>/funnel/export/<slug:table>.csv", funnel_views.ics_funnel_export, name="ics_funnel_export"),
    path("national/", views.national, name="national"),
    path("national/export/<slug:table>.csv", views.national_export, name="national_export"),
    path("national/funnel/", funnel_views.national_funnel, name="national_funnel"),
    path("national/funnel/export/<slug:table>.csv", funnel_views.national_funnel_export, name="national_funnel_export"),
    path("profile/equality/", views.equality_profile, name="equality_profile"),
    path("profile/equality/delete/", views.equality_profile_delete, name="equality_profile_delete"),
]
