"""What each app holds about a person, registered by the app itself (as pretix's "data shredders" are).

Each app that stores personal data has a `personal_data.py` with one `PersonalData`, registered from its
AppConfig.ready(); portal.privacy iterates the registry for the download, erasure and retention, and so knows no
domain app. A registration lists the models it covers: `personal_data_unclaimed()` finds the models of the portal's
own apps that hold personal data (a link to a user, or an e-mail address) but no registration of their app claims,
and a test fails while there are any.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import reduce
from operator import or_
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models
from django.db.models import Q

from .models import EmailDelivery

ERASED_NAME = "Erased user"
ERASED_SUBJECT = "(erased)"


def _nothing_in_progress(user) -> list[str]:
    return []


@dataclass(frozen=True)
class PersonalData:
    """One app's personal data. `export` returns sections of the download (a section two apps return as dicts is
    merged); `erase` anonymises inside erasure's transaction, while the user still has their own e-mail address;
    `problems` says what must be finished before erasure; `retention` empties what is kept too long and returns
    how many records it changed. `models` are the labels ("app.Model") of the models this covers, kept or not."""

    app_label: str
    models: tuple[str, ...]
    export: Callable[..., dict]
    erase: Callable[..., None]
    problems: Callable[..., list[str]] = _nothing_in_progress
    retention: Callable[[], int] | None = None


_registry: dict[str, PersonalData] = {}


def personal_data_register(entry: PersonalData) -> None:
    """Called from the app's AppConfig.ready(); registering an app again replaces its entry."""
    _registry[entry.app_label] = entry


def personal_data_registered() -> list[PersonalData]:
    """In INSTALLED_APPS's order, whatever order the apps registered in: the download's sections and erasure's
    problems come out in the same order every time."""
    order = [app_config.label for app_config in apps.get_app_configs()]
    return sorted(_registry.values(), key=lambda entry: order.index(entry.app_label))


def erased_email(user) -> str:
    """The address an erased account keeps: unique, and one no e-mail can reach."""
    return f"erased-{user.pk}@erased.invalid"


def fields_of(obj, names: list[str]) -> dict | None:
    """The named fields of `obj` as a dict, or None when there is no `obj`: for an export."""
    return {name: getattr(obj, name) for name in names} if obj is not None else None


def email_deliveries_about_erase(*, key_prefixes: Iterable[str]) -> None:
    """E-mails about the person (to their manager, their coach) name them in the subject: it goes. The keys and
    sending times stay, so a re-run task still sends nothing."""
    about = [Q(key__startswith=prefix) for prefix in key_prefixes]
    if about:
        EmailDelivery.objects.filter(reduce(or_, about)).update(subject=ERASED_SUBJECT)


def _holds_personal_data(model: type[models.Model]) -> bool:
    user_model = get_user_model()
    return model is user_model or any(
        (field.concrete and field.is_relation and field.related_model is user_model)
        or isinstance(field, models.EmailField)
        for field in model._meta.get_fields()
    )


def _own_app(app_config) -> bool:
    path = Path(app_config.path).resolve()
    return "site-packages" not in path.parts and path.is_relative_to(settings.BASE_DIR)


def personal_data_unclaimed() -> list[str]:
    """Labels of the portal's own models that hold personal data and no registration of their app claims."""
    claimed = {(entry.app_label, label) for entry in _registry.values() for label in entry.models}
    return [
        model._meta.label
        for app_config in apps.get_app_configs()
        if _own_app(app_config)
        for model in app_config.get_models()
        if _holds_personal_data(model) and (app_config.label, model._meta.label) not in claimed
    ]
