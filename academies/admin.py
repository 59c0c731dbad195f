from django.contrib import admin

from portal.admin_widgets import SafeAutocompleteMixin

from .models import Academy, AcademyAdmin


class AcademyAdminInline(SafeAutocompleteMixin, admin.TabularInline):
    model = AcademyAdmin
    autocomplete_fields = ["user"]
    extra = 0


@admin.register(Academy)
class AcademyModelAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "region", "is_demo"]
    list_filter = ["kind", "region", "is_demo"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [AcademyAdminInline]
