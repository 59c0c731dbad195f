"""Every text box of every form of the portal has a maximum length, so nothing typed can be longer than its column
(or, for a password, than is worth hashing): a longer value is an error on its field, never a 500."""

import importlib
import inspect

import pytest
from django import forms
from django.urls import reverse

from portal.forms import PASSWORD_MAX_LENGTH

FORM_MODULES = [
    "coaching.forms",
    "enrolment.forms",
    "enrolment.interest_forms",
    "enrolment.workspace_forms",
    "portal.forms",
    "programmes.forms",
    "reporting.forms",
]


def fields_of(form) -> dict:
    """The form's fields as a page gets them (some are set up when the form is made), or as the class declares
    them where the form needs more than its data to be made."""
    try:
        return form().fields
    except TypeError:
        return form.base_fields


def text_fields():
    for module_name in FORM_MODULES:
        module = importlib.import_module(module_name)
        for name, form in inspect.getmembers(module, inspect.isclass):
            if issubclass(form, forms.BaseForm) and form.__module__ == module_name:
                for field_name, field in fields_of(form).items():
                    if isinstance(field, forms.CharField):
                        yield f"{name}.{field_name}", field


@pytest.mark.parametrize(
    ("name", "field"), list(text_fields()), ids=lambda value: value if isinstance(value, str) else ""
)
def test_every_text_box_has_a_maximum_length(name, field):
    assert field.max_length is not None, f"{name} has no maximum length"


@pytest.mark.django_db
def test_an_overlong_password_is_refused_on_its_field(client):
    response = client.post(
        reverse("login"), {"username": "a@example.nhs.test", "password": "x" * (PASSWORD_MAX_LENGTH + 1)}
    )

    assert response.status_code == 200
    assert f"Enter a password of {PASSWORD_MAX_LENGTH:,} characters or fewer" in response.content.decode()
