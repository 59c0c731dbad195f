from django.urls import path

from . import views

app_name = "coaching"
urlpatterns = [
    path("", views.register_view, name="register"),
    path("suggestions/", views.suggestions_view, name="suggestions"),
    path("coaches/<int:pk>/", views.coach_detail_view, name="coach_detail"),
    path("profile/", views.profile_edit_view, name="profile_edit"),
    path("mine/", views.my_coaching_view, name="mine"),
    path("requests/<int:pk>/", views.request_detail_view, name="request_detail"),
    *(
        path(f"requests/<int:pk>/{action}/", views.request_action_view, {"action": action}, name=f"request_{action}")
        for action in views.ACTIONS
    ),
    path("requests/<int:pk>/sessions/", views.session_log_view, name="session_log"),
    path("academy/", views.academy_view, name="academy"),
    path("academy/profiles/<int:pk>/decision/", views.profile_decision_view, name="profile_decision"),
]
