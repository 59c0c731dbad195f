"""Every form of the portal (found, not listed: every module of every app is imported and every Form class and
FilterSet in them is made) says what is wrong in words written for its fields: left empty, too long, out of range
and not a choice on offer, no error is one of Django's defaults ("This field is required.", "Select a valid
choice…"), no two fields share a message, and no select offers Django's "---------" empty choice.

The Django admin's forms are out of scope: they are the national admins' tool, in Django's own words."""

import importlib
import inspect
import pkgutil
import re
from datetime import date
from pathlib import Path

import django_filters
import pytest
from django import forms
from django.apps import apps
from django.conf import settings
from django.test import RequestFactory
from django.utils import timezone

from enrolment.models import Application, Cohort
from portal import form_messages
from programmes.models import Programme
from tests.academies.factories import AcademyAdminFactory, AcademyFactory
from tests.coaching.factories import CoachProfileFactory
from tests.enrolment.factories import ApplicationFactory, ApplicationQuestionFactory, CohortFactory
from tests.portal.factories import IntegratedCareSystemFactory, UserFactory
from tests.programmes.factories import ProgrammeFactory
from tests.support.django_messages import django_defaults_in

pytestmark = pytest.mark.django_db

SKIPPED_MODULES = re.compile(r"\.(migrations|management|settings)(\.|$)|\.(wsgi|asgi)$|admin")
# A question's word order ("which cohort do you want") means the message was made from a question label: name the field.
READS_BADLY = re.compile(r"\b(do|does|did|would|can|could|should|will|are|is) (you|they|I|we)\b")


def project_modules():
    base = Path(settings.BASE_DIR).resolve()
    for config in apps.get_app_configs():
        if Path(config.path).resolve().parent != base:
            continue
        yield config.name
        for module in pkgutil.walk_packages(config.module.__path__, prefix=f"{config.name}."):
            if not SKIPPED_MODULES.search(module.name):
                yield module.name


def subclasses(cls):
    for subclass in cls.__subclasses__():
        yield subclass
        yield from subclasses(subclass)


def project_classes(base) -> list[type]:
    names = set(project_modules())
    for name in names:
        importlib.import_module(name)
    found = {cls for cls in subclasses(base) if cls.__module__ in names and cls.__module__ != form_messages.__name__}
    return sorted(found, key=lambda cls: f"{cls.__module__}.{cls.__qualname__}")


FORMS = project_classes(forms.BaseForm)
FILTERSETS = project_classes(django_filters.FilterSet)


@pytest.fixture
def arguments():
    """What the forms are made with, by the name of the argument."""
    academy = AcademyFactory(local_partner=True)
    programme = ProgrammeFactory(provider=academy, positive_action_note="For Black, Asian and minority ethnic staff.")
    cohort = CohortFactory(programme=programme, academy=academy)
    ApplicationQuestionFactory(programme=programme)
    application = ApplicationFactory(cohort=cohort)
    learners = list(Application.objects.select_related("applicant"))
    for learner in learners:
        learner.sessions_attended = 0
    return {
        "application": application,
        "cohort": cohort,
        "cohorts": Cohort.objects.all(),
        "applications": Application.objects.all(),
        "decidable": Application.objects.all(),
        "admin": AcademyAdminFactory(academy=academy).user,
        "roster": learners,
        "learners": learners,
        "coach": CoachProfileFactory(academy=academy),
        "user": UserFactory(),
        "ics": IntegratedCareSystemFactory(),
        "decision": "reject",
        "today": date.today(),
        "now": timezone.now(),
        "queryset": Programme.objects.all(),
        "path": "/programmes/",
        "request": RequestFactory().post("/login/"),
        "email": "someone@example.nhs.test",
    }


def parameters(cls):
    """The arguments of the class's __init__ and of those it passes its keyword arguments on to."""
    for klass in cls.__mro__:
        if "__init__" in vars(klass):
            found = inspect.signature(klass.__init__).parameters
            yield from found.items()
            if not any(parameter.kind == parameter.VAR_KEYWORD for parameter in found.values()):
                return


def maker(cls, arguments: dict):
    """A function from data to the bound form, with whatever else the class asks for."""
    wanted = {}
    for name, parameter in parameters(cls):
        if name in arguments:
            wanted[name] = arguments[name]
        elif parameter.default is parameter.empty and parameter.kind == parameter.KEYWORD_ONLY:
            raise AssertionError(f"{cls.__qualname__} needs `{name}`: add it to this test's arguments")
    if issubclass(cls, django_filters.FilterSet):
        return lambda data: cls(data=data, **wanted).form
    return lambda data: cls(data=data, **wanted)


def put(data: dict, form, name: str, value) -> None:
    field = form.fields[name]
    key = form.add_prefix(name)
    if isinstance(field.widget, forms.MultiWidget):
        for suffix, part in zip(
            field.widget.widgets_names, value if isinstance(value, list) else [value] * 3, strict=True
        ):
            data[f"{key}{suffix}"] = part
    elif isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
        data[key] = value if isinstance(value, list) else [value]
    else:
        data[key] = value


def bad_value(field: forms.Field, scenario: str):
    """What to type into the field for the scenario, or None to leave it out."""
    if isinstance(field.widget, forms.MultiWidget):
        return {"incomplete": ["1", "", ""], "out of range": ["31", "12", "9999"], "invalid": ["31", "2", "x"]}.get(
            scenario
        )
    if scenario == "too long" and getattr(field, "max_length", None):
        return "x" * (field.max_length + 1)
    if scenario == "out of range" and isinstance(field, forms.IntegerField):
        return str((field.max_value or 2**31) + 1)
    if scenario == "below range" and getattr(field, "min_value", None) is not None:
        return str(field.min_value - 1)
    if scenario == "out of range" and isinstance(field, forms.DateField | forms.DateTimeField):
        return "9999-12-31"
    if scenario == "unknown choice" and isinstance(field, forms.ChoiceField | forms.ModelMultipleChoiceField):
        return "999999999"
    return {"invalid": "not a valid answer"}.get(scenario)


SCENARIOS = ("empty", "too long", "out of range", "below range", "invalid", "unknown choice", "incomplete")


def messages_by_field(form) -> dict[str, list[str]]:
    return {name: [m for error in errors for m in error] for name, errors in form.errors.as_data().items()}


def problems_of(make) -> list[str]:
    problems = []
    try:
        rendered = make(None)
    except (AttributeError, TypeError):  # a GET form of filters, always bound to the query string
        rendered = make({})
    html = str(rendered)
    problems += [f"unbound: {found}" for found in django_defaults_in(html)]
    for scenario in SCENARIOS:
        data = {}
        for name, field in rendered.fields.items():
            value = bad_value(field, scenario)
            if value is not None:
                put(data, rendered, name, value)
        form = make(data)
        form.is_valid()
        problems += [f"{scenario}: {found}" for found in django_defaults_in(str(form))]
        seen = {}
        for name, messages in messages_by_field(form).items():
            for message in messages:
                problems += [f"{scenario}: {name}: {message!r} reads badly"] if READS_BADLY.search(message) else []
                problems += (
                    [f"{scenario}: {message!r} for both {seen[message]} and {name}"]
                    if seen.get(message, name) != name
                    else []
                )
                seen[message] = name
    return problems


def name_of(cls) -> str:
    return f"{cls.__module__}.{cls.__qualname__}"


def test_every_app_form_is_found():
    names = {name_of(cls) for cls in FORMS + FILTERSETS}
    assert {
        "enrolment.application_pages.StatementPageForm",
        "enrolment.workspace_forms.CohortCreateForm",
        "portal.forms.LoginForm",
        "enrolment.discovery.filters.ProgrammeFilterSet",
        "reporting.forms.EqualityProfileForm",
    } <= names
    assert not any("admin" in name for name in names)


@pytest.mark.parametrize("cls", FORMS + FILTERSETS, ids=name_of)
def test_every_form_writes_its_own_error_messages(cls, arguments):
    problems = problems_of(maker(cls, arguments))
    assert problems == [], "\n".join(problems)


def test_the_messages_are_written_for_the_field():
    form = maker(importlib.import_module("enrolment.workspace_forms").CohortForm, {})({"capacity": "0"})
    form.is_valid()

    assert form.errors["name"] == ["Enter the cohort's name"]
    assert form.errors["starts_on"] == ["Enter the start date"]
