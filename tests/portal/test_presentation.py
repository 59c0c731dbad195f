"""Status knowledge lives in one presentation table per status field (portal.presentation): every status has a row,
and no template or view spells a status out."""

import re
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings

from portal.presentation import Presented, ShownStatus, StatusPresentation

ROOT = Path(settings.BASE_DIR)
PORTAL_APPS = ["academies", "coaching", "enrolment", "portal", "programmes", "reporting"]


def status_models():
    """The portal's models with a `status` field that has choices."""
    for app in PORTAL_APPS:
        for model in apps.get_app_config(app).get_models():
            field = next((f for f in model._meta.get_fields() if f.name == "status"), None)
            if field is not None and field.choices:
                yield model


def status_values() -> set[str]:
    return {value for model in status_models() for value, _label in model._meta.get_field("status").choices}


def test_there_are_status_models_to_check():
    names = {model.__name__ for model in status_models()}
    assert {"Application", "Cohort", "Enrolment", "CoachProfile", "CoachingRequest"} <= names


@pytest.mark.parametrize("model", list(status_models()), ids=lambda model: model.__name__)
def test_every_status_has_a_presentation_row(model):
    assert issubclass(model, Presented), f"{model.__name__} has a status but no presentation table"
    assert set(model.PRESENTATION) == {value for value, _label in model._meta.get_field("status").choices}
    assert all(isinstance(row, StatusPresentation) for row in model.PRESENTATION.values())


def status_literal_pattern() -> re.Pattern:
    values = "|".join(sorted(map(re.escape, status_values())))
    return re.compile(rf"""(["'])({values})\1""")


def sources() -> list[Path]:
    views = [path for app in PORTAL_APPS for path in (ROOT / app).glob("views*.py")]
    views += [path for app in PORTAL_APPS for path in (ROOT / app).glob("views/*.py")]
    return [*views, *(ROOT / "templates").glob("**/*.html")]


def test_no_template_or_view_spells_out_a_status():
    pattern = status_literal_pattern()
    assert len(sources()) > 50
    found = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in sources()
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if pattern.search(line)
    ]
    assert not found, "status literals; read the status's presentation or a model property instead:\n" + "\n".join(
        found
    )


def test_a_next_step_reads_only_the_fields_it_names():
    def unread():
        raise AssertionError("read a field the text does not name")

    shown = ShownStatus(
        label="Place offered",
        row=StatusPresentation(tag_colour="green", next_step="Answer by {deadline}."),
        fields={"deadline": lambda: "5 March 2026, 17:00", "starts": unread},
    )
    assert shown.next_step == "Answer by 5 March 2026, 17:00."
    assert shown.tag_class == "nhsuk-tag nhsuk-tag--green"
    assert ShownStatus(label="Draft", row=StatusPresentation(), fields={}).tag_class == "nhsuk-tag"
