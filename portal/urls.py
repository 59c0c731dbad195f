"""The base layer's pages: accounts, profile, personal data, about, health checks. config/urls.py includes them."""

from django.contrib.auth import views as auth_views
from django.urls import path

from . import organisation_views, sso_views, views
from .forms import LoginForm, PasswordResetForm, SetPasswordForm


def page(title: str, submit_label: str = "Continue") -> dict:
    return {"page_title": title, "submit_label": submit_label}


urlpatterns = [
    path("about/", views.about, name="about"),
    path("register/", views.register, name="register"),
    path("profile/", views.profile, name="profile"),
    path("profile/organisation/", organisation_views.organisation_pick, name="organisation_pick"),
    path("profile/organisation/not-listed/", organisation_views.organisation_unlisted, name="organisation_unlisted"),
    path("organisations/unlisted/", organisation_views.unlisted_organisations, name="unlisted_organisations"),
    path("organisations/unlisted/map/", organisation_views.unlisted_organisation_map, name="unlisted_organisation_map"),
    path("profile/data.json", views.personal_data_download, name="personal_data_download"),
    path("profile/erase/", views.personal_data_erase, name="personal_data_erase"),
    path("healthz", views.healthz, name="healthz"),
    path("healthz/ready", views.healthz_ready, name="healthz_ready"),
    path("metrics", views.metrics, name="metrics"),
    path(
        "login/",
        sso_views.SignInView.as_view(
            authentication_form=LoginForm,
            redirect_authenticated_user=True,
            extra_context=page("Log in", "Log in"),
        ),
        name="login",
    ),
    path("logout/", sso_views.sign_out, name="logout"),
    path("sso/<slug:provider>/start/", sso_views.SsoStartView.as_view(), name="sso_start"),
    path("sso/<slug:provider>/callback/", sso_views.SsoCallbackView.as_view(), name="sso_callback"),
    path("sso/link/", sso_views.sso_link, name="sso_link"),
    path(
        "password-reset/",
        auth_views.PasswordResetView.as_view(
            form_class=PasswordResetForm, extra_context=page("Reset your password", "Send reset link")
        ),
        name="password_reset",
    ),
    path(
        "password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(extra_context=page("Check your e-mail")),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            form_class=SetPasswordForm, extra_context=page("Choose a new password", "Save password")
        ),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(extra_context=page("Your password is changed")),
        name="password_reset_complete",
    ),
]
