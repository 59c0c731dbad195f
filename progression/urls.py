from django.urls import path

from . import views

app_name = "progression"
urlpatterns = [
    path("follow-up/thank-you/", views.answered_view, name="answered"),
    path("follow-up/<str:token>/", views.answer_view, name="answer"),
    path("follow-up/<str:token>/confirm/", views.confirm_view, name="confirm"),
    path("my/follow-up/", views.mine_view, name="mine"),
    path("my/follow-up/<int:pk>/", views.change_view, name="change"),
]
