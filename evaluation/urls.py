from django.urls import path

from . import views

app_name = "evaluation"
urlpatterns = [
    path("my/feedback/<int:cohort_pk>/", views.answer_view, name="answer"),
    path("academy/feedback/", views.academy_feedback_view, name="academy_feedback"),
    path("academy/feedback/<int:cohort_pk>/", views.cohort_feedback_view, name="cohort_feedback"),
]
