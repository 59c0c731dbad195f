"""The Django admin's autocomplete fields: an id that is not an id is a form error, never a 500."""

import pytest
from django.contrib import admin

from portal.admin_widgets import SafeAutocompleteMixin
from tests.portal.factories import UserFactory


def admins_with_autocomplete():
    for model_admin in admin.site._registry.values():
        for each in [model_admin, *(inline(model_admin.model, admin.site) for inline in model_admin.inlines)]:
            if each.autocomplete_fields:
                yield each


@pytest.mark.parametrize("model_admin", list(admins_with_autocomplete()), ids=lambda each: type(each).__name__)
def test_every_admin_with_autocomplete_fields_draws_them_safely(model_admin):
    assert isinstance(model_admin, SafeAutocompleteMixin)


@pytest.mark.django_db
@pytest.mark.parametrize("organisation", ["abc", "1.5", "9" * 30, "<script>"])
def test_a_non_numeric_organisation_in_the_user_form_is_a_form_error(client, organisation):
    user = UserFactory()
    client.force_login(UserFactory(national_admin=True))

    response = client.post(
        f"/admin/portal/user/{user.pk}/change/",
        {
            "email": user.email,
            "full_name": user.full_name,
            "is_active": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "09:00:00",
            "profile-TOTAL_FORMS": "1",
            "profile-INITIAL_FORMS": "0",
            "profile-0-organisation": organisation,
            "profile-0-user": user.pk,
        },
    )

    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
