from django.urls import path

from .views import academy, manager, staff

app_name = "enrolment"
urlpatterns = [
    path("programmes/<slug:slug>/apply/", staff.apply, name="apply"),
    path("programmes/<slug:slug>/enrol/", staff.enrol, name="enrol"),
    path("my/applications/", staff.application_list, name="applications"),
    path("my/applications/<int:pk>/", staff.application_detail, name="application_detail"),
    path("my/applications/<int:pk>/edit/", staff.application_edit, name="application_edit"),
    path("my/applications/<int:pk>/withdraw/", staff.application_withdraw, name="application_withdraw"),
    path("my/applications/<int:pk>/accept/", staff.offer_accept, name="offer_accept"),
    path("my/applications/<int:pk>/decline/", staff.offer_decline, name="offer_decline"),
    path("my/learning/", staff.learning, name="learning"),
    path("my/learning/<int:pk>/complete/", staff.enrolment_complete, name="enrolment_complete"),
    path("certificates/<uuid:code>/", staff.certificate, name="certificate"),
    path("line-manager/<str:token>/", manager.manager_support, name="manager_support"),
    path("academy/applications/", academy.application_list, name="academy_applications"),
    path("academy/applications/<int:pk>/", academy.application_detail, name="academy_application"),
]
