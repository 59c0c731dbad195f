from django.urls import path, re_path

from .views import academy, funding, interest, journey, landing, manager, staff, timetable, workspace

app_name = "enrolment"
urlpatterns = [
    path("start/", landing.start, name="start"),
    path("programmes/<slug:slug>/apply/", journey.apply, name="apply"),
    path("programmes/<slug:slug>/enrol/", staff.enrol, name="enrol"),
    path("programmes/<slug:slug>/tell-me/", interest.interest_register, name="interest_register"),
    path("tell-me/confirm/<str:token>/", interest.interest_confirm, name="interest_confirm"),
    path("tell-me/stop/<str:token>/", interest.interest_unsubscribe, name="interest_unsubscribe"),
    path("my/tell-me/", interest.interest_list, name="interests"),
    path("my/tell-me/<int:pk>/stop/", interest.interest_withdraw, name="interest_withdraw"),
    path("my/applications/", staff.application_list, name="applications"),
    path("my/applications/<int:pk>/", staff.application_detail, name="application_detail"),
    path("my/applications/<int:pk>/check/", journey.application_check, name="application_check"),
    path("my/applications/<int:pk>/confirmation/", journey.application_confirmation, name="application_confirmation"),
    path("my/applications/<int:pk>/withdraw/", staff.application_withdraw, name="application_withdraw"),
    path("my/applications/<int:pk>/accept/", staff.offer_accept, name="offer_accept"),
    path("my/applications/<int:pk>/decline/", staff.offer_decline, name="offer_decline"),
    path("my/applications/<int:pk>/funding/", funding.application_budget_holder, name="application_budget_holder"),
    path("my/applications/<int:pk>/<slug:page>/", journey.application_page, name="application_page"),
    path("my/learning/", staff.learning, name="learning"),
    path("my/learning/<int:pk>/complete/", staff.enrolment_complete, name="enrolment_complete"),
    path("my/learning/calendar/", timetable.calendar_reset, name="calendar_reset"),
    path("calendar/<slug:token>.ics", timetable.calendar_feed, name="calendar_feed"),
    path("certificates/<uuid:code>/", staff.certificate, name="certificate"),
    path("line-manager/<str:token>/", manager.manager_support, name="manager_support"),
    path("budget-holder/<str:token>/", funding.budget_holder, name="budget_holder"),
    path("academy/applications/", academy.application_list, name="academy_applications"),
    path("academy/applications/<int:pk>/", academy.application_detail, name="academy_application"),
    path("academy/", workspace.home, name="workspace"),
    path("academy/cohorts/new/", workspace.cohort_create, name="workspace_cohort_create"),
    path("academy/cohorts/<int:pk>/", workspace.cohort_detail, name="workspace_cohort"),
    path("academy/cohorts/<int:pk>/edit/", workspace.cohort_edit, name="workspace_cohort_edit"),
    path("academy/cohorts/<int:pk>/cancel/", workspace.cohort_cancel, name="workspace_cohort_cancel"),
    path(
        "academy/cohorts/<int:pk>/sessions/generate/", workspace.sessions_generate, name="workspace_sessions_generate"
    ),
    path("academy/cohorts/<int:cohort_pk>/sessions/new/", workspace.session_edit, name="workspace_session_create"),
    path("academy/cohorts/<int:pk>/outcomes/", workspace.outcomes, name="workspace_outcomes"),
    re_path(
        r"^academy/cohorts/(?P<pk>[0-9]+)/export/(?P<kind>roster|attendance|outcomes)\.csv$",
        workspace.export,
        name="workspace_export",
    ),
    path("academy/sessions/<int:pk>/", workspace.session_edit, name="workspace_session_edit"),
    path("academy/sessions/<int:pk>/delete/", workspace.session_delete, name="workspace_session_delete"),
    path("academy/sessions/<int:pk>/attendance/", workspace.attendance, name="workspace_attendance"),
]
