from django.urls import path

from . import views

app_name = "improvement"
urlpatterns = [
    path("projects/", views.showcase_view, name="showcase"),
    path("projects/<int:pk>/", views.public_project_view, name="public_project"),
    path("projects/systems/", views.system_projects_view, name="systems"),
    path("my/projects/", views.my_projects_view, name="mine"),
    path("my/projects/new/<int:application_pk>/", views.project_create_view, name="project_create"),
    path("my/projects/<int:pk>/", views.project_detail_view, name="project_detail"),
    path("my/projects/<int:pk>/edit/", views.project_edit_view, name="project_edit"),
    path("my/projects/<int:pk>/consent/", views.consent_view, name="consent"),
    *(
        path(f"my/projects/<int:pk>/{action}/", views.project_action_view, {"action": action}, name=f"project_{action}")
        for action in views.ACTIONS
    ),
    path("academy/projects/", views.review_list_view, name="review_list"),
    path("academy/projects/<int:pk>/", views.review_view, name="review"),
]
