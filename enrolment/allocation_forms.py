"""Forms of allocating a cohort's places and nominating people for them."""

from typing import ClassVar

from django import forms

from portal.form_messages import Form
from portal.models import IntegratedCareSystem, Organisation, User
from programmes.models import FundedScheme

from .models import PlaceAllocation
from .workspace_forms import DATE


class AllocationForm(Form):
    """Places of a cohort for an ICS, or for an organisation (by its ODS code) with who nominates for it."""

    field_names: ClassVar = {
        "ics": "the ICS",
        "organisation": "the organisation's ODS code",
        "nominator": "the nominator's e-mail address",
        "places": "the number of places",
        "per_nominator": "the number each nominator may nominate",
        "scheme": "the funded scheme",
    }

    ics = forms.ModelChoiceField(
        IntegratedCareSystem.objects.all(), required=False, label="ICS", help_text="Its ICS leads nominate."
    )
    organisation = forms.CharField(
        label="Or an organisation's ODS code", required=False, max_length=10, help_text="For example, RXQ."
    )
    nominator = forms.EmailField(
        label="Who nominates for the organisation (e-mail address)",
        required=False,
        help_text="They need an account on the portal.",
    )
    places = forms.IntegerField(label="Places", min_value=0, max_value=10000)
    per_nominator = forms.IntegerField(
        label="Most places each nominator may nominate",
        required=False,
        min_value=1,
        max_value=10000,
        help_text="Leave empty for no limit.",
    )
    scheme = forms.ModelChoiceField(
        FundedScheme.objects.all(),
        required=False,
        label="Funded scheme that pays for the places",
        help_text="Only a scheme that funds this programme. Leave empty if no scheme pays.",
    )

    def clean_organisation(self):
        code = self.cleaned_data["organisation"].strip().upper()
        if not code:
            return None
        organisation = Organisation.objects.filter(ods_code__iexact=code).first()
        if organisation is None:
            raise forms.ValidationError("No organisation has this ODS code. Check the code")
        return organisation

    def clean_nominator(self):
        email = self.cleaned_data["nominator"]
        if not email:
            return None
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError("No one has an account with this e-mail address. Ask them to register first")
        return user


class NominationForm(Form):
    """A person picked from the area's people (allocation_selectors.nominable_people), or anyone by e-mail."""

    field_names: ClassVar = {
        "person": "the person you nominate",
        "email": "the e-mail address of the person you nominate",
    }

    person = forms.ChoiceField(label="Choose from your staff", required=False)
    email = forms.EmailField(label="Or the e-mail address of the person you nominate", max_length=254, required=False)

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(person.email, f"{person.full_name} ({person.email})") for person in people]
        if choices:
            self.fields["person"].choices = [("", "Choose")] + choices
        else:
            del self.fields["person"]
            self.fields["email"].label = "E-mail address of the person you nominate"

    def clean(self):
        data = super().clean()
        picked, typed = data.get("person"), data.get("email")
        if self.errors:
            return data
        if picked and typed and picked.lower() != typed.lower():
            self.add_error("email", "Choose a person from the list or type an e-mail address, not both")
        elif not (picked or typed):
            field = "person" if "person" in self.fields else "email"
            self.add_error(field, "Choose the person you nominate or type their e-mail address")
        data["email"] = picked or typed
        return data


class RingFenceForm(Form):
    """Places kept for applicants who declare the programme's own published rule."""

    prefix = "ring_fence"

    field_names: ClassVar = {
        "rule": "the programme's rule",
        "source": "where the rule is published",
        "places": "the number of places",
    }

    rule = forms.CharField(
        label="Who the places are kept for, in the words of the programme's published rule",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Use the programme's own wording. Applicants choose whether to say it describes them.",
    )
    source = forms.URLField(
        label="Where the rule is published (web address)",
        max_length=500,
        assume_scheme="https",
        help_text="For example, the programme's page on the provider's website.",
    )
    places = forms.IntegerField(label="Places", min_value=0, max_value=10000)


class ReleaseDateForm(Form):
    """The day an allocation's unused places go back to the open pool."""

    prefix = "release"

    field_names: ClassVar = {"allocation": "the allocation", "release_on": "the release date"}

    allocation = forms.ModelChoiceField(PlaceAllocation.objects.none(), label="Allocation", empty_label="Choose")
    release_on = forms.DateField(
        label="Release date",
        required=False,
        widget=DATE,
        help_text="Places nobody has taken or been nominated for go back to the open pool on this day. "
        "Leave it empty for no release date.",
    )

    def __init__(self, *args, cohort, **kwargs):
        super().__init__(*args, **kwargs)
        allocation = self.fields["allocation"]
        allocation.queryset = cohort.allocations.filter(released_at__isnull=True).select_related("ics", "organisation")
        allocation.label_from_instance = lambda choice: f"{choice.area}: {choice.places} places"
