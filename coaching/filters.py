"""Searching the register: the facets staff narrow it by, as the catalogue does.

Options within a facet widen the search (any of them); facets narrow it (all of them). Each option's count
says how many coaches choosing it would show, given the other facets chosen.
"""

import operator
from functools import reduce

import django_filters
from django import forms
from django.db.models import Q

from portal.form_messages import Form
from portal.models import Profession, Region
from programmes.models import CareerStage

from .models import CoachProfile, active_mentee_count, hlm_dimensions

# A facet over the profile's own columns: option value -> (label, condition).
FLAG_FACETS = {
    "offers": {
        "coaching": ("Coaching", Q(offers_coaching=True)),
        "mentoring": ("Mentoring", Q(offers_mentoring=True)),
    },
    "meets": {
        "in_person": ("In person", Q(meets_in_person=True)),
        "online": ("Online", Q(meets_online=True)),
    },
    "availability": {"has_room": ("Has a free place", Q(max_mentees__gt=active_mentee_count()))},
}
# A facet over a related table: its rows are the options.
RELATED_FACETS = ["dimensions", "professions", "career_stages", "region"]
SEARCH_WORDS_LIMIT = 8


def _flag_filter(name: str, label: str) -> django_filters.MultipleChoiceFilter:
    choices = [(value, option_label) for value, (option_label, _) in FLAG_FACETS[name].items()]
    return django_filters.MultipleChoiceFilter(
        label=label, choices=choices, method="filter_flags", widget=forms.CheckboxSelectMultiple
    )


def _related_filter(label: str, queryset) -> django_filters.ModelMultipleChoiceFilter:
    return django_filters.ModelMultipleChoiceFilter(
        label=label, queryset=queryset, widget=forms.CheckboxSelectMultiple
    )


class CoachProfileFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Name or qualification", method="filter_text", max_length=100)
    offers = _flag_filter("offers", "Coaching or mentoring")
    dimensions = _related_filter("Leadership dimensions they help with", hlm_dimensions())
    professions = _related_filter("Professions they work with", Profession.objects.all())
    career_stages = _related_filter("Levels they work with", CareerStage.objects.all())
    region = _related_filter("Region", Region.objects.all())
    meets = _flag_filter("meets", "How they meet")
    availability = _flag_filter("availability", "Availability")

    class Meta:
        model = CoachProfile
        fields = []
        form = Form

    def filter_text(self, queryset, name, value):
        for word in value.split()[:SEARCH_WORDS_LIMIT]:
            queryset = queryset.filter(Q(user__full_name__icontains=word) | Q(qualification__icontains=word))
        return queryset

    def filter_flags(self, queryset, name, value):
        return queryset.filter(reduce(operator.or_, (FLAG_FACETS[name][option][1] for option in value)))

    def queryset_without(self, facet: str):
        """The results as if nothing were chosen in `facet`: the base its options' counts are taken from."""
        self.is_valid()  # fills cleaned_data with the valid choices; invalid ones are shown as errors and ignored
        queryset = self.queryset.all()
        for name, value in self.form.cleaned_data.items():
            if name != facet:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    def show_counts(self, counts: dict[str, list[tuple[object, str, int]]]) -> None:
        """Labels each facet's options with their counts; the options come from the counting query itself."""
        for name, options in counts.items():
            self.form.fields[name].widget.choices = [(value, f"{label} ({count})") for value, label, count in options]
