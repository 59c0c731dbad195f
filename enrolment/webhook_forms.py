"""The academy workspace's form for a webhook endpoint."""

from typing import ClassVar

from django import forms

from academies.models import Academy
from portal.form_fields import DemoLabelledChoiceField
from portal.form_messages import Form

from .webhooks import WebhookEvent


class WebhookEndpointForm(Form):
    field_names: ClassVar = {"url": "the endpoint's address", "events": "the events to send"}

    academy = DemoLabelledChoiceField(queryset=Academy.objects.none(), label="Academy")
    url = forms.URLField(
        label="Endpoint address",
        help_text="An https:// address of your system that takes a POST of JSON.",
        max_length=500,
        assume_scheme="https",
    )
    events = forms.MultipleChoiceField(
        label="Events to send", choices=WebhookEvent.choices, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, academies=None, **kwargs):
        super().__init__(*args, **kwargs)
        if academies is None:
            del self.fields["academy"]
        else:
            self.fields["academy"].queryset = academies
