"""The catalogue file seeds the catalogue and does not overwrite people's edits: a reload (as `make run` does at
every start) keeps a field a person changed since the last load, `--check` lists it, `--force` resets it."""

import shlex
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from academies.models import Academy
from programmes.catalogue import Reason, catalogue_load
from programmes.models import CatalogueRecord, Programme
from tests.academies.factories import AcademyAdminFactory
from tests.portal.factories import UserFactory
from tests.programmes.catalogue_files import catalogue_with, snapshot
from tests.support.django_admin import edit_in_the_django_admin

pytestmark = pytest.mark.django_db

RUN_SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "run.sh"
JENNER = "edward-jenner-programme"
JENNER_SUMMARY = 'summary = "Free, open-access online learning for anyone looking for an introduction to leadership.'


def run_sh_load_command() -> list[str]:
    """The load_catalogue command line scripts/run.sh runs at every start of `make run`."""
    lines = [line for line in RUN_SCRIPT.read_text().splitlines() if "manage.py load_catalogue" in line]
    assert len(lines) == 1, lines
    words = shlex.split(lines[0], comments=True)
    return words[words.index("manage.py") + 1 :]


def command(*args) -> str:
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_an_edit_in_the_django_admin_survives_a_restart_check_shows_it_and_force_resets_it(client):
    run_load = run_sh_load_command()
    assert "--force" not in run_load
    command(*run_load)
    jenner = Programme.objects.get(slug=JENNER)
    client.force_login(UserFactory(national_admin=True))
    edit_in_the_django_admin(client, jenner, summary="Edited by a national admin.", cpd_hours="12")

    command(*run_load)  # `make run` started again

    jenner.refresh_from_db()
    assert (jenner.summary, jenner.cpd_hours) == ("Edited by a national admin.", 12)
    check = command("load_catalogue", "--check")
    assert f"programme '{JENNER}', summary: {Reason.EDITED}" in check
    assert f"programme '{JENNER}', cpd_hours: {Reason.EDITED}" in check
    assert "database: 'Edited by a national admin.'" in check
    assert "2 difference(s), 2 of them edited by people" in check

    command("load_catalogue", "--force")

    jenner.refresh_from_db()
    assert jenner.summary.startswith("Free, open-access online learning") and jenner.cpd_hours is None
    assert "The database holds what the file says." in command("load_catalogue", "--check")


def test_a_reload_applies_what_the_file_changed_and_keeps_what_people_changed(tmp_path):
    catalogue_load()
    Programme.objects.filter(slug=JENNER).update(cost=Programme.Cost.FEE)  # a person's edit
    path = catalogue_with(
        tmp_path,
        replace={
            JENNER_SUMMARY: 'summary = "A corrected summary.',
            'slug = "edward-jenner-programme"': 'slug = "edward-jenner-programme"\nqualification = "A new field"',
            'cost = "free"\ncpd_note': 'cost = "funded"\ncpd_note',
        },
    )

    report = catalogue_load(path=path)

    jenner = Programme.objects.get(slug=JENNER)
    assert jenner.summary == "A corrected summary. Open to all staff."
    assert jenner.qualification == "A new field"
    assert jenner.cost == Programme.Cost.FEE
    assert [(d.field, d.reason) for d in report.differences] == [
        ("summary", Reason.FILE_CHANGED),
        ("cost", Reason.EDITED),
        ("qualification", Reason.FILE_CHANGED),
    ]


def test_an_edit_stays_an_edit_however_often_the_file_is_loaded_until_the_file_agrees(tmp_path):
    catalogue_load()
    Programme.objects.filter(slug=JENNER).update(cost=Programme.Cost.FEE)

    for _ in range(2):
        assert [d.field for d in catalogue_load().edited] == ["cost"]
    agreeing = catalogue_with(tmp_path, replace={'cost = "free"\ncpd_note': 'cost = "fee"\ncpd_note'})
    assert catalogue_load(path=agreeing).differences == []

    assert catalogue_load().differences[0].reason == Reason.FILE_CHANGED  # the file's own change now applies
    assert Programme.objects.get(slug=JENNER).cost == Programme.Cost.FREE


def test_a_record_the_file_adds_is_added_and_one_it_drops_is_deleted_unless_in_use(tmp_path):
    catalogue_load()
    cheshire = 'slug = "cheshire-merseyside-stp-academy"\nname = "Cheshire Merseyside STP academy"\n'
    leadership_centre = 'slug = "leadership-centre"\nname = "The Leadership Centre"\n'
    AcademyAdminFactory(academy=Academy.objects.get(slug="leadership-centre"))
    path = catalogue_with(
        tmp_path,
        '[[regions]]\nslug = "atlantis"\nname = "Atlantis"\n',
        replace={
            cheshire: 'slug = "gone-academy"\nname = "Gone"\n',
            leadership_centre: 'slug = "gone-centre"\nname = "Gone centre"\n',
        },
    )

    report = catalogue_load(path=path)

    by_record = {d.record: d.reason for d in report.differences if not d.field}
    assert by_record["region 'atlantis'"] == Reason.NEW
    assert by_record["academy 'cheshire-merseyside-stp-academy'"] == Reason.REMOVED
    assert by_record["academy 'leadership-centre'"] == Reason.REMOVED_IN_USE
    assert not Academy.objects.filter(slug="cheshire-merseyside-stp-academy").exists()
    assert Academy.objects.filter(slug="leadership-centre").exists()  # its admin role is people's data


def test_check_changes_nothing(tmp_path):
    catalogue_load()
    Programme.objects.filter(slug=JENNER).update(cpd_hours=3)
    before = snapshot(with_records=True)
    path = catalogue_with(tmp_path, '[[regions]]\nslug = "atlantis"\nname = "Atlantis"\n')

    output = command("load_catalogue", "--check", "--path", str(path))

    assert "region 'atlantis': not in the database: a load adds it" in output
    assert f"programme '{JENNER}', cpd_hours: {Reason.EDITED}" in output
    assert snapshot(with_records=True) == before


def test_a_database_loaded_before_records_were_kept_takes_the_file():
    """Every load used to reset every field, so the loader cannot tell an edit there from an old value."""
    catalogue_load()
    CatalogueRecord.objects.all().delete()
    Programme.objects.filter(slug=JENNER).update(cpd_hours=3)

    report = catalogue_load()

    assert [(d.field, d.reason) for d in report.differences] == [("cpd_hours", Reason.UNRECORDED)]
    assert Programme.objects.get(slug=JENNER).cpd_hours is None
    assert catalogue_load().differences == []


def test_check_and_force_together_are_refused_and_nothing_is_loaded():
    with pytest.raises(CommandError, match="not allowed with"):
        command("load_catalogue", "--check", "--force")

    assert not Programme.objects.exists()


def test_the_command_shows_its_progress_and_the_edits_it_kept():
    command("load_catalogue")
    Programme.objects.filter(slug=JENNER).update(cpd_hours=3)

    output = command("load_catalogue")

    assert "Loading programmes (30)…" in output
    assert "Kept, as people edited them (--check lists them, --force resets): 1 field(s)" in output
    assert f"programme '{JENNER}', cpd_hours" in output
