from django.contrib import admin

from portal.admin_widgets import SafeAutocompleteMixin

from .models import CareerStage, Framework, FrameworkElement, FundedScheme, Programme, SchemeAllocation


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["title", "provider", "access", "format", "cost", "is_demo"]
    list_filter = ["access", "format", "cost", "is_demo"]
    search_fields = ["title", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["delivering_academies", "career_stages", "professions", "development_areas", "sources"]


class FrameworkElementInline(admin.TabularInline):
    model = FrameworkElement
    extra = 0


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    inlines = [FrameworkElementInline]


class SchemeAllocationInline(SafeAutocompleteMixin, admin.TabularInline):
    """An allocation counts the staff of the system it is linked to: the admin finds it by name or ODS code."""

    model = SchemeAllocation
    extra = 0
    autocomplete_fields = ["ics"]


@admin.register(FundedScheme)
class FundedSchemeAdmin(admin.ModelAdmin):
    list_display = ["name", "funder", "amount_gbp"]
    inlines = [SchemeAllocationInline]


admin.site.register(CareerStage)
