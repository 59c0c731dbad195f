"""The Django admin of cohorts, where national admins plan any academy's cohorts.

It saves through the same services as the academy workspace (cohort_create, cohort_update, cohort_cancel), with
their rules, locks and audit entries, so a rule's refusal is an error on the form, never a bypass. A cohort's
status follows its dates and is cancelled only by the "Cancel" action; applications, enrolments and
certificates are not in the admin at all: their statuses change only through the services. An allocation of a
cohort's places is saved through allocation_set, under the cohort lock, as on the academy's allocation page.
"""

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.template.response import TemplateResponse

from portal.admin_widgets import SafeAutocompleteMixin

from .models import Cohort, EnrolmentError, PlaceAllocation
from .services import allocations, cohorts
from .workspace_forms import CancelForm, CohortRulesForm

# Which field a rule's refusal belongs to; any other refusal shows above the form.
REFUSAL_FIELDS = {cohorts.CapacityBelowPlacesHeld: "capacity"}


class CohortAdminForm(CohortRulesForm):
    """The last step of validating the form saves it through cohort_create or cohort_update, so that whatever the
    service refuses is an error on the form and nothing is written; the admin's own save then has nothing left to
    do (CohortAdmin.save_model)."""

    acting_user = None  # set by SavedByServiceAdmin.get_form

    def _post_clean(self):
        super()._post_clean()
        if self.errors:
            return
        try:
            self.instance = self._save_through_service(self.cleaned_data)
        except cohorts.InvalidInput as error:
            for field, message in error.problems.items():
                self.add_error(field if field in self.fields else None, message)
        except EnrolmentError as error:
            self.add_error(REFUSAL_FIELDS.get(type(error)), str(error))

    def _save_through_service(self, cleaned) -> Cohort:
        fields = {name: cleaned[name] for name in cohorts.COHORT_FIELDS}
        if self.instance.pk is None:
            return cohorts.cohort_create(
                admin=self.acting_user, academy=cleaned["academy"], programme=cleaned["programme"], **fields
            )
        return cohorts.cohort_update(admin=self.acting_user, cohort_id=self.instance.pk, **fields)


class SavedByServiceAdmin(SafeAutocompleteMixin, admin.ModelAdmin):
    """An admin whose form saves through a service as it validates, acting as the signed-in user."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (form,), {"acting_user": request.user})

    def save_model(self, request, obj, form, change):
        """The form saved the record through its service when it was validated."""


@admin.register(Cohort)
class CohortAdmin(SavedByServiceAdmin):
    form = CohortAdminForm
    autocomplete_fields = ["ics"]
    list_display = ["name", "programme", "academy", "starts_on", "capacity", "status", "is_demo"]
    list_filter = ["status", "academy", "is_demo"]
    search_fields = ["name", "programme__title"]
    fields = ["programme", "academy", *cohorts.COHORT_FIELDS, "status", "is_demo"]
    actions = ["cancel_cohorts"]

    def get_readonly_fields(self, request, obj=None):
        """The status follows the dates and the "Cancel" action; the programme and academy are chosen when the
        cohort is created; demo cohorts come only from seed_demo."""
        return ["status", "is_demo"] if obj is None else ["programme", "academy", "status", "is_demo"]

    def has_delete_permission(self, request, obj=None):
        """A cohort is cancelled, which tells its applicants, never deleted."""
        return False

    @admin.action(description="Cancel the selected cohorts", permissions=["change"])
    def cancel_cohorts(self, request, queryset):
        """Asks for the reason on a page of its own, then cancels each cohort through cohort_cancel."""
        form = CancelForm(request.POST if "reason" in request.POST else None)
        if not form.is_valid():
            context = {
                **self.admin_site.each_context(request),
                "title": "Cancel cohorts",
                "opts": self.model._meta,
                "cohorts": queryset,
                "form": form,
                "action": "cancel_cohorts",
                "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            }
            return TemplateResponse(request, "admin/enrolment/cohort/cancel_cohorts.html", context)
        for cohort in queryset:
            try:
                cohorts.cohort_cancel(admin=request.user, cohort_id=cohort.pk, reason=form.cleaned_data["reason"])
            except EnrolmentError as error:
                self.message_user(request, f"{cohort}: {error}", messages.ERROR)
            else:
                self.message_user(request, f"{cohort} is cancelled and every applicant has been told.")
        return None


class PlaceAllocationAdminForm(forms.ModelForm):
    """Validating the form saves it through allocation_set, so the ledger's rules hold here as on the portal's
    page: what the service refuses is an error on the form, and nothing is written."""

    acting_user = None  # set by SavedByServiceAdmin.get_form

    def _post_clean(self):
        super()._post_clean()
        if self.errors:
            return
        cleaned, instance = self.cleaned_data, self.instance
        area = {name: cleaned.get(name, getattr(instance, name, None)) for name in ("ics", "organisation")}
        try:
            self.instance = allocations.allocation_set(
                admin=self.acting_user,
                cohort_id=cleaned["cohort"].pk if "cohort" in cleaned else instance.cohort_id,
                places=cleaned["places"],
                nominator=cleaned.get("nominator"),
                scheme=cleaned.get("scheme"),
                per_nominator=cleaned.get("per_nominator"),
                **area,
            )
        except EnrolmentError as error:
            for field, message in (getattr(error, "problems", None) or {None: str(error)}).items():
                self.add_error(field if field in self.fields else None, message)


@admin.register(PlaceAllocation)
class PlaceAllocationAdmin(SavedByServiceAdmin):
    form = PlaceAllocationAdminForm
    autocomplete_fields = ["cohort", "ics", "organisation", "nominator"]
    list_display = ["cohort", "area", "places", "per_nominator", "scheme"]
    list_filter = ["scheme"]
    search_fields = ["cohort__name", "cohort__programme__title", "ics__name", "organisation__name"]
    fields = ["cohort", "ics", "organisation", "nominator", "places", "per_nominator", "scheme"]

    def get_readonly_fields(self, request, obj=None):
        """An allocation's cohort and area are chosen when it is made; its places and terms change."""
        return [] if obj is None else ["cohort", "ics", "organisation"]

    def has_change_permission(self, request, obj=None):
        """A ring-fenced allocation reads only here: the academy changes it on its allocations page, through
        ring_fence_set and allocation_release_date_set."""
        if obj is not None and obj.is_ring_fenced:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        """An allocation no longer wanted is set to 0 places, which the ledger checks; it is never deleted."""
        return False
