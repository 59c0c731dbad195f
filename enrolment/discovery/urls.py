from django.urls import path

from . import views

app_name = "programmes"
urlpatterns = [
    path("", views.programme_list_view, name="list"),
    path("finder/", views.finder_view, name="finder"),
    path("<slug:slug>/", views.programme_detail_view, name="detail"),
    path("<slug:slug>/cohorts/", views.programme_cohorts_view, name="cohorts"),
    path("<slug:slug>/cohorts/<int:pk>.ics", views.cohort_calendar_view, name="cohort_calendar"),
]
