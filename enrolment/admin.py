from django.contrib import admin

from .models import Cohort


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    list_display = ["name", "programme", "academy", "starts_on", "capacity", "is_demo"]
    list_filter = ["academy", "is_demo"]
    search_fields = ["name", "programme__title"]
