from django.contrib import admin, messages

from portal.admin_widgets import SafeAutocompleteMixin
from portal.services import RoleError

from .models import Academy, AcademyAdmin
from .services import academy_admin_grant, academy_admin_revoke


class AcademyAdminInline(SafeAutocompleteMixin, admin.TabularInline):
    """A national admin adds and removes the academy's admins here; an existing row is not edited (remove it and
    add the person instead). Each goes through academy_admin_grant and academy_admin_revoke, so it is audited."""

    model = AcademyAdmin
    autocomplete_fields = ["user"]
    extra = 0

    def has_add_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_national_admin

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return self.has_add_permission(request, obj)


@admin.register(Academy)
class AcademyModelAdmin(SafeAutocompleteMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "region", "ics", "is_demo"]
    list_filter = ["kind", "region", "is_demo"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["ics"]
    inlines = [AcademyAdminInline]

    def save_formset(self, request, form, formset, change):
        if formset.model is not AcademyAdmin:
            return super().save_formset(request, form, formset, change)
        formset.save(commit=False)
        try:
            for row in formset.deleted_objects:
                academy_admin_revoke(actor=request.user, admin_id=row.pk)
            for row in formset.new_objects:
                academy_admin_grant(actor=request.user, user=row.user, academy=form.instance)
        except RoleError as error:
            self.message_user(request, str(error), messages.ERROR)
        return None
