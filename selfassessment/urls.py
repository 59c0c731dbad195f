from django.urls import path

from . import views

app_name = "selfassessment"
urlpatterns = [
    path("my/self-assessment/", views.mine_view, name="mine"),
    path("my/self-assessment/new/", views.take_view, name="take"),
    path("my/self-assessment/<int:pk>/", views.detail_view, name="detail"),
    path("academy/self-assessment/", views.academy_view, name="academy"),
]
