from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, AdminUserCreationForm

from .admin_widgets import SafeAutocompleteMixin
from .forms import with_bounded_passwords
from .models import (
    AuditEntry,
    EmailDelivery,
    ExternalIdentity,
    IcsLead,
    IntegratedCareSystem,
    Organisation,
    Profession,
    Region,
    SourceDocument,
    StaffProfile,
    User,
)
from .organisations import organisation_choice_problem
from .services import external_identity_unlink, ics_lead_grant, ics_lead_revoke


class StaffProfileAdminForm(forms.ModelForm):
    """The organisation is set under the rule people pick theirs by (organisation_choice_problem: no closed one but
    the one they have, no demo one for a real person), and setting it clears an unlisted name (StaffProfile.clean)."""

    def clean(self):
        cleaned = super().clean()
        organisation, person = cleaned.get("organisation"), cleaned.get("user")
        if organisation and person:
            current = self.instance.organisation_id
            problem = organisation_choice_problem(person=person, organisation=organisation, current_id=current)
            if problem:
                self.add_error("organisation", problem)
        return cleaned


class StaffProfileInline(SafeAutocompleteMixin, admin.StackedInline):
    model = StaffProfile
    form = StaffProfileAdminForm
    autocomplete_fields = ["organisation"]
    # A name given for an unlisted organisation is mapped for everyone who gave it, on the unlisted organisations
    # page (portal.organisations.unlisted_organisation_map), never edited here one profile at a time.
    readonly_fields = ["unlisted_organisation_name"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    add_form = with_bounded_passwords(AdminUserCreationForm)
    change_password_form = with_bounded_passwords(AdminPasswordChangeForm)
    ordering = ["email"]
    list_display = ["email", "full_name", "is_national_admin", "is_staff", "is_demo"]
    list_filter = ["is_national_admin", "is_staff", "is_superuser", "is_active", "is_demo"]
    search_fields = ["email", "full_name"]
    inlines = [StaffProfileInline]
    fieldsets = [
        (None, {"fields": ["email", "password", "full_name"]}),
        ("Roles", {"fields": ["is_active", "is_national_admin", "is_staff", "is_superuser", "groups"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]})]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "ods_code", "kind", "ics", "is_closed", "is_demo"]
    list_filter = ["kind", "is_closed", "is_demo"]
    search_fields = ["name", "ods_code"]


@admin.register(IntegratedCareSystem)
class IntegratedCareSystemAdmin(admin.ModelAdmin):
    list_display = ["name", "ods_code", "region", "is_demo"]
    list_filter = ["region"]
    search_fields = ["name", "ods_code"]


@admin.register(IcsLead)
class IcsLeadAdmin(SafeAutocompleteMixin, admin.ModelAdmin):
    """Adding and deleting a lead here goes through the same services as the portal's role pages, so it is
    audited too."""

    list_display = ["user", "ics"]
    autocomplete_fields = ["user", "ics"]

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        obj.pk = ics_lead_grant(actor=request.user, user=obj.user, ics=obj.ics).pk

    def delete_model(self, request, obj):
        ics_lead_revoke(actor=request.user, lead_id=obj.pk)

    def delete_queryset(self, request, queryset):
        for lead in queryset:
            self.delete_model(request, lead)


@admin.register(ExternalIdentity)
class ExternalIdentityAdmin(admin.ModelAdmin):
    """The accounts people sign in with through single sign-on: support reads them, and deletes a wrong link (through
    external_identity_unlink, audited); nobody adds or changes one here, a sign-in makes it."""

    list_display = ["user", "issuer", "subject", "linked_at"]
    search_fields = ["user__email", "subject"]
    readonly_fields = ["user", "issuer", "subject", "linked_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_national_admin

    def delete_model(self, request, obj):
        external_identity_unlink(actor=request.user, identity_id=obj.pk)

    def delete_queryset(self, request, queryset):
        for identity in queryset:
            self.delete_model(request, identity)


admin.site.register([Region, Profession, SourceDocument])


@admin.register(EmailDelivery)
class EmailDeliveryAdmin(admin.ModelAdmin):
    list_display = ["key", "to", "subject", "created_at", "sent_at"]
    search_fields = ["key", "to"]


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The audit log: national admins read it; nobody adds, changes or deletes an entry, here or anywhere."""

    list_display = ["created_at", "actor", "actor_label", "action", "object_type", "object_id", "summary"]
    list_filter = ["action", "object_type"]
    search_fields = ["object_id", "actor__email"]
    date_hierarchy = "created_at"

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_national_admin

    def has_module_permission(self, request):
        return self.has_view_permission(request)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
