"""The Django admin's autocomplete, redrawn safely when a posted id is not an id at all.

Django's AutocompleteSelect looks the posted values up to redraw the chosen options after a form error; a value
the key field cannot take ("abc" for an integer id) raises a ValueError there, a 500 instead of the form's own
"Select a valid choice" message. These widgets leave such values out of the lookup: the form still says why.
"""

from django.contrib.admin.widgets import AutocompleteSelect, AutocompleteSelectMultiple
from django.core.exceptions import ValidationError


class ValidChoicesOnly:
    def optgroups(self, name, value, attr=None):
        return super().optgroups(name, [v for v in value if self._is_key(v)], attr)

    def _is_key(self, value) -> bool:
        remote = self.field.remote_field
        try:
            remote.model._meta.get_field(remote.field_name).to_python(value)
        except ValidationError:
            return False
        return True


class SafeAutocompleteSelect(ValidChoicesOnly, AutocompleteSelect):
    pass


class SafeAutocompleteSelectMultiple(ValidChoicesOnly, AutocompleteSelectMultiple):
    pass


class SafeAutocompleteMixin:
    """For every ModelAdmin and inline with autocomplete_fields: picks the widgets above."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            kwargs.setdefault("widget", SafeAutocompleteSelect(db_field, self.admin_site, using=kwargs.get("using")))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in self.get_autocomplete_fields(request):
            widget = SafeAutocompleteSelectMultiple(db_field, self.admin_site, using=kwargs.get("using"))
            kwargs.setdefault("widget", widget)
        return super().formfield_for_manytomany(db_field, request, **kwargs)

