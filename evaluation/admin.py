"""National admins read feedback in the Django admin, without the person's name: an answer is written only by the
participant, through evaluation.services, so here nothing is added, changed or deleted: a closed cohort's published
averages must never move by one answer (evaluation.selectors says why)."""

from django.contrib import admin

from .models import FeedbackResponse


@admin.register(FeedbackResponse)
class FeedbackResponseAdmin(admin.ModelAdmin):
    list_display = ["cohort", "rating_overall", "submitted_at"]
    exclude = ["respondent"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
