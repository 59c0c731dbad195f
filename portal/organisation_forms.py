"""Forms for saying where a person works: a search by name or ODS code, its results as radios, and the name of an
organisation that is not listed."""

from typing import ClassVar

from django import forms

from .form_fields import DemoLabelledChoiceField, OneLineField, SearchField
from .form_messages import Form
from .models import Organisation


class OrganisationSearchForm(Form):
    field_names: ClassVar = {"q": "the name or ODS code of the organisation"}
    q = SearchField(
        label="Find the organisation",
        help_text="Type part of its name, or its ODS code (like RTK or A81001).",
        min_length=2,
        max_length=100,
    )


class OrganisationChoiceField(DemoLabelledChoiceField):
    """Each organisation with its ODS code and its integrated care system, so two of the same name tell apart."""

    def label_from_instance(self, obj):
        code = f" ({obj.ods_code})" if obj.ods_code else ""
        demo = " (Demo)" if obj.is_demo else ""
        return f"{obj.name}{code}, {obj.ics.name}{demo}"


class OrganisationPickForm(Form):
    """One organisation of the `offered` ones; only the search's `matches` are drawn, but any offered one may be
    posted (the form and the service check it)."""

    field_names: ClassVar = {"organisation": "the organisation"}
    organisation = OrganisationChoiceField(
        queryset=Organisation.objects.none(), widget=forms.RadioSelect, empty_label=None, label="Organisations found"
    )

    def __init__(self, *args, offered=None, matches=(), **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        field.queryset = Organisation.objects.choosable() if offered is None else offered
        field.widget.choices = [(organisation.pk, field.label_from_instance(organisation)) for organisation in matches]


class UnlistedOrganisationForm(Form):
    field_names: ClassVar = {"name": "the name of your organisation"}
    name = OneLineField(
        label="Name of your organisation",
        help_text="As it is known where you work. A national admin adds it to the list and links your profile to it.",
        max_length=200,
    )
