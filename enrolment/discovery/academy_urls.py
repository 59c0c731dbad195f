from django.urls import path

from . import academy_views as views

app_name = "academies"
urlpatterns = [
    path("", views.academy_list_view, name="list"),
    path("<slug:slug>/", views.academy_detail_view, name="detail"),
    path("<slug:slug>/cohorts/", views.academy_cohorts_view, name="cohorts"),
]
