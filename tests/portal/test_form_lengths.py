"""Every text box of every form of the portal has a maximum length, so nothing typed can be longer than its column
(or, for a password, than is worth hashing): a longer value is an error on its field, never a 500. The forms are
found, not listed: every form class of every app of the portal's own, and every form of the Django admin."""

import importlib
import inspect
import pkgutil
from pathlib import Path

import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm, AdminPasswordChangeForm
from django.test import RequestFactory
from django.urls import reverse

from portal.forms import PASSWORD_MAX_LENGTH
from portal.models import User


def own_modules():
    """Every module of every app of the portal's own (not the installed libraries'), but migrations."""
    base = Path(settings.BASE_DIR).resolve()
    for config in apps.get_app_configs():
        if Path(config.path).resolve().parent == base:
            package = importlib.import_module(config.name)
            for module in pkgutil.walk_packages(package.__path__, f"{config.name}."):
                if ".migrations" not in module.name:
                    yield importlib.import_module(module.name)


def fields_of(form) -> dict:
    """The form's fields as a page gets them (some are set up when the form is made), or as the class declares
    them where the form needs more than its data to be made (or is a base that names no model)."""
    try:
        return form().fields
    except (TypeError, ValueError):
        return form.base_fields


def own_forms():
    for module in own_modules():
        for name, form in inspect.getmembers(module, inspect.isclass):
            if issubclass(form, forms.BaseForm) and form.__module__ == module.__name__:
                yield f"{module.__name__}.{name}", form


def admin_forms():
    """The admin's forms as a national admin gets them: each model's add form and its inlines', the log-in and
    password forms."""
    request = RequestFactory().get("/admin/")
    request.user = User(is_staff=True, is_superuser=True, is_national_admin=True)
    for model, model_admin in admin.site._registry.items():
        label = model._meta.label
        yield f"admin {label}", model_admin.get_form(request)
        for inline in model_admin.get_inline_instances(request):
            yield f"admin {label} inline {inline.model._meta.label}", inline.get_formset(request).form
        for name in ("add_form", "change_password_form"):
            if hasattr(model_admin, name):
                yield f"admin {label} {name}", getattr(model_admin, name)
    yield "admin log-in", admin.site.login_form or AdminAuthenticationForm
    yield "admin password change", getattr(admin.site, "password_change_form", AdminPasswordChangeForm)


@pytest.mark.django_db  # some forms read their choices when they are made
def test_every_text_box_has_a_maximum_length():
    forms_found = [*own_forms(), *admin_forms()]
    assert len(forms_found) > 50, "the walk finds the forms"
    unbounded = [
        f"{name}.{field_name}"
        for name, form in forms_found
        for field_name, field in fields_of(form).items()
        if isinstance(field, forms.CharField) and field.max_length is None
    ]
    assert unbounded == [], "\n".join(unbounded)


@pytest.mark.django_db
def test_an_overlong_password_is_refused_on_its_field(client):
    response = client.post(
        reverse("login"), {"username": "a@example.nhs.test", "password": "x" * (PASSWORD_MAX_LENGTH + 1)}
    )

    assert response.status_code == 200
    assert f"Enter a password of {PASSWORD_MAX_LENGTH:,} characters or fewer" in response.content.decode()


@pytest.mark.django_db
def test_an_overlong_password_is_refused_by_the_django_admin_too(client):
    response = client.post(
        reverse("admin:login"), {"username": "a@example.nhs.test", "password": "x" * (PASSWORD_MAX_LENGTH + 1)}
    )

    assert response.status_code == 200
    assert f"Enter a password of {PASSWORD_MAX_LENGTH:,} characters or fewer" in response.content.decode()
