"""National admins read improvement projects in the Django admin. A project's status and its consent to publish
change only through improvement.services (the academy's review, the participant's choice), so here nothing is
added or changed: the admin cannot publish a project."""

from django.contrib import admin

from .models import ImprovementProject


@admin.register(ImprovementProject)
class ImprovementProjectAdmin(admin.ModelAdmin):
    list_display = ["title", "application", "method", "ics", "status", "publish_consent", "is_demo"]
    list_filter = ["status", "publish_consent", "method", "is_demo"]
    search_fields = ["title", "application__applicant__full_name", "application__applicant__email"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False
