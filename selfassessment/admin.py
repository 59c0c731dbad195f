"""National admins read self-assessments in the Django admin, for support; the answers are the person's own, so
nothing is added or changed here (a person records theirs only through selfassessment.services)."""

from django.contrib import admin

from .models import Rating, SelfAssessment


class RatingInline(admin.TabularInline):
    model = Rating
    fields = ["dimension", "score"]
    readonly_fields = ["dimension", "score"]
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(SelfAssessment)
class SelfAssessmentAdmin(admin.ModelAdmin):
    list_display = ["pk", "person", "taken_at", "is_demo"]
    list_filter = ["is_demo"]
    search_fields = ["person__email", "person__full_name"]
    inlines = [RatingInline]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
