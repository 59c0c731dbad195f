"""National admins see the register in the Django admin; statuses still change only through the services."""

from django.contrib import admin

from portal.admin_widgets import SafeAutocompleteMixin

from .models import CoachingRequest, CoachingSession, CoachProfile


@admin.register(CoachProfile)
class CoachProfileAdmin(SafeAutocompleteMixin, admin.ModelAdmin):
    list_display = ["user", "academy", "region", "status", "max_mentees", "is_demo"]
    list_filter = ["status", "academy", "region", "offers_coaching", "offers_mentoring", "is_demo"]
    search_fields = ["user__full_name", "user__email", "qualification"]
    autocomplete_fields = ["user"]
    filter_horizontal = ["dimensions", "professions", "career_stages"]
    readonly_fields = ["status", "decided_by", "decided_at", "decision_note", "created_at", "updated_at"]


class CoachingSessionInline(admin.TabularInline):
    model = CoachingSession
    extra = 0
    readonly_fields = ["held_on", "logged_by", "created_at"]


@admin.register(CoachingRequest)
class CoachingRequestAdmin(admin.ModelAdmin):
    list_display = ["mentee", "coach", "kind", "status", "created_at", "accepted_at", "closed_at"]
    list_filter = ["status", "kind"]
    search_fields = ["mentee__full_name", "mentee__email", "coach__user__full_name"]
    readonly_fields = ["mentee", "coach", "kind", "message", "status", "created_at", "responded_at", "accepted_at",
                       "closed_at", "closed_by"]
    inlines = [CoachingSessionInline]
