"""The portal's Django admin site: Django's own, with every box bounded as the portal's own forms are. Its log-in
and password forms take no password longer than the portal's (portal.forms.with_bounded_passwords), and every
model's text fields without a maximum of their own get TEXT_MAX_LENGTH (BoundedTextAdmin)."""

from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm, AdminPasswordChangeForm
from django.contrib.auth.views import PasswordChangeView
from django.db import models
from django.urls import reverse

from .forms import with_bounded_passwords

# The most a text box of the admin takes where its model's field sets no maximum of its own: a programme's
# description, the longest text of the catalogue, is under 1,500 characters.
TEXT_MAX_LENGTH = 10_000


class BoundedTextAdmin:
    """A ModelAdmin whose text fields without a maximum of their own take TEXT_MAX_LENGTH characters at most."""

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, models.TextField) and db_field.max_length is None:
            kwargs.setdefault("max_length", TEXT_MAX_LENGTH)
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class PortalAdminSite(admin.AdminSite):
    login_form = with_bounded_passwords(AdminAuthenticationForm)
    password_change_form = with_bounded_passwords(AdminPasswordChangeForm)

    def register(self, model_or_iterable, admin_class=None, **options):
        """Every model's admin bounds its text fields, a model registered later too."""
        admin_class = admin_class or admin.ModelAdmin
        bounded = type(admin_class.__name__, (BoundedTextAdmin, admin_class), {"__module__": admin_class.__module__})
        super().register(model_or_iterable, bounded, **options)

    def password_change(self, request, extra_context=None):
        """Django's own page (AdminSite.password_change names its form; this one names the bounded form)."""
        request.current_app = self.name
        return PasswordChangeView.as_view(
            form_class=self.password_change_form,
            success_url=reverse("admin:password_change_done", current_app=self.name),
            extra_context={**self.each_context(request), **(extra_context or {})},
            template_name=self.password_change_template or "registration/password_change_form.html",
        )(request)
