"""Only the refresh record is in the admin: equality answers and the reporting rows behind the counts are kept
out of it, so that no screen shows one person's answers."""

from django.contrib import admin, messages

from .models import ReportsRefresh
from .tasks import refresh_reports


@admin.register(ReportsRefresh)
class ReportsRefreshAdmin(admin.ModelAdmin):
    list_display = ["finished_at", "seconds", "facts"]
    readonly_fields = ["started_at", "finished_at", "seconds", "facts"]
    actions = ["refresh_now"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description="Refresh the reports now")
    def refresh_now(self, request, queryset):
        refresh_reports.enqueue_on_commit()
        messages.success(request, "The reports will be refreshed in the background in a minute or so.")
