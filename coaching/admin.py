"""National admins read the register in the Django admin; profiles, requests and sessions change only through
coaching.services, whose rules (a coach's limit, the academy's approval, the dates of sessions) the admin would
otherwise bypass, so here nothing is added or changed."""

from django.contrib import admin

from .models import CoachingRequest, CoachingSession, CoachProfile


class ReadOnly:
    """Shown, never added or changed here."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(CoachProfile)
class CoachProfileAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["user", "academy", "region", "status", "max_mentees", "is_demo"]
    list_filter = ["status", "academy", "region", "offers_coaching", "offers_mentoring", "is_demo"]
    search_fields = ["user__full_name", "user__email", "qualification"]


class CoachingSessionInline(ReadOnly, admin.TabularInline):
    model = CoachingSession
    extra = 0
    can_delete = False


@admin.register(CoachingRequest)
class CoachingRequestAdmin(ReadOnly, admin.ModelAdmin):
    list_display = ["mentee", "coach", "kind", "status", "created_at", "accepted_at", "closed_at"]
    list_filter = ["status", "kind"]
    search_fields = ["mentee__full_name", "mentee__email", "coach__user__full_name"]
    inlines = [CoachingSessionInline]
