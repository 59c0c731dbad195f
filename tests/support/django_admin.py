"""Posting a record's change form in the Django admin as the admin renders it, as a national admin would."""

from django.db.models import Model


def edit_in_the_django_admin(client, record: Model, **changes) -> None:
    """Post the record's change form with its fields as the admin shows them and `changes` made; fails unless saved."""
    opts = record._meta
    url = f"/admin/{opts.app_label}/{opts.model_name}/{record.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {}
    for name in form.fields:
        value = form.initial.get(name)
        if isinstance(value, list):
            data[name] = [getattr(item, "pk", item) for item in value]
        elif value is True:
            data[name] = "on"
        elif value not in (False, None):
            data[name] = value
    response = client.post(url, {**data, **changes})
    assert response.status_code == 302, response.context["adminform"].form.errors
