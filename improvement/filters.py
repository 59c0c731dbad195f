"""The public showcase's filters: by system, improvement method and programme, as the catalogue filters."""

import django_filters

from portal.form_fields import DemoLabelledChoiceField
from portal.form_messages import Form
from portal.models import IntegratedCareSystem
from programmes.models import Programme

from .models import ImprovementProject, improvement_methods


class DemoLabelledFilter(django_filters.ModelChoiceFilter):
    """A choice of records in which each demo record's option says Demo."""

    field_class = DemoLabelledChoiceField


class ShowcaseFilter(django_filters.FilterSet):
    ics = DemoLabelledFilter(
        label="Integrated care system", queryset=IntegratedCareSystem.objects.all(), empty_label="Any system"
    )
    method = django_filters.ModelChoiceFilter(
        label="Improvement method", queryset=improvement_methods(), empty_label="Any method"
    )
    programme = DemoLabelledFilter(
        label="Programme",
        field_name="application__programme",
        queryset=Programme.objects.order_by("title"),
        empty_label="Any programme",
    )

    class Meta:
        model = ImprovementProject
        fields = []
        form = Form
