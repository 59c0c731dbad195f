"""`manage.py import_ods`: ODS's published files, imported whole or not at all, and again to the same rows."""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from portal.models import IntegratedCareSystem, Organisation, Region, StaffProfile
from portal.services import staff_profile_update
from tests.portal.factories import UserFactory

DATA = Path(__file__).parent / "data" / "ods"
FILES = [f"region:{DATA / 'regions.csv'}", str(DATA / "epraccur.csv"), str(DATA / "etr.csv"), str(DATA / "eicb.csv")]

pytestmark = pytest.mark.django_db


def run(*files):
    out = StringIO()
    call_command("import_ods", *files, stdout=out, stderr=StringIO())
    return out.getvalue()


def snapshot():
    return [list(model.objects.order_by("ods_code").values()) for model in (Region, IntegratedCareSystem, Organisation)]


def test_the_sample_files_make_regions_systems_and_organisations_by_code():
    output = run(*FILES)
    surrey = IntegratedCareSystem.objects.get(ods_code="QXU")
    assert surrey.region.ods_code == "Y59"
    assert Organisation.objects.get(ods_code="RTK").ics == surrey
    assert Organisation.objects.get(ods_code="QXU").kind == Organisation.Kind.ICB
    assert Organisation.objects.get(ods_code="H81001").kind == Organisation.Kind.GP_PRACTICE
    assert not Organisation.objects.filter(ods_code="Y01234").exists()  # a walk-in centre, not a practice
    assert "1 skipped (not GP practices)" in output
    assert "4 created, 0 updated, 0 unchanged" in output  # the trusts


def test_importing_twice_gives_the_same_rows():
    run(*FILES)
    first = snapshot()
    output = run(*FILES)
    assert snapshot() == first
    assert "0 created, 0 updated, 4 unchanged" in output


def test_a_closed_organisation_is_kept_marked_closed_and_hidden_from_choice():
    run(*FILES)
    closed = Organisation.objects.get(ods_code="RXX")
    assert closed.is_closed
    assert Organisation.objects.get(ods_code="H81002").is_closed  # status C
    assert closed not in Organisation.objects.choosable()
    user = UserFactory()
    with pytest.raises(ValidationError, match="has closed"):
        staff_profile_update(user=user, organisation=closed)


def test_a_closed_organisation_cannot_be_posted_on_the_organisation_page(client):
    run(*FILES)
    user = UserFactory()
    client.force_login(user)
    closed = Organisation.objects.get(ods_code="RXX")
    response = client.post("/profile/organisation/", {"organisation": closed.pk})
    assert response.status_code == 200
    assert not StaffProfile.objects.filter(user=user, organisation=closed).exists()


def test_a_later_file_updates_by_code(tmp_path):
    run(*FILES)
    renamed = (DATA / "etr.csv").read_text().replace("A MERGED NHS TRUST", "A RENAMED NHS TRUST")
    (tmp_path / "etr.csv").write_text(renamed)
    output = run(str(tmp_path / "etr.csv"))
    assert "0 created, 1 updated, 3 unchanged" in output
    assert Organisation.objects.get(ods_code="RXX").name == "A RENAMED NHS TRUST"


@pytest.mark.parametrize(
    ("cut", "message"),
    [
        (lambda text: text[: text.index('"QKK"') + 5] + "\n", "line 3: 4 columns"),
        (lambda text: text[: text.index("RJ1") + 20], "line 3: not CSV (unexpected end of data): the file may be"),
        (lambda text: text.rstrip("\r\n"), "line 4: the file stops mid-line"),
        (lambda text: text.replace('"19910401"', '"1991-04-01"'), "line 2: the open date (column 11)"),
        (lambda text: text.replace('"RJ1"', '"rj 1"'), "line 3: the organisation code (column 1)"),
        (lambda text: text.replace('"QKK"', '"QZZ"'), "line 3: the integrated care board QZZ is not in the portal"),
        (lambda text: text + '"RAB","UNTERMINATED\r\n', "line 5: not CSV"),
    ],
)
def test_a_malformed_or_truncated_file_names_the_line_and_imports_nothing(tmp_path, cut, message):
    run(FILES[0], FILES[3])
    broken = tmp_path / "etr.csv"
    broken.write_text(cut((DATA / "etr.csv").read_text()), newline="")
    with pytest.raises(CommandError, match=re.escape(message)) as error:
        run(str(broken))
    assert str(broken) in str(error.value)
    assert "Nothing was imported from this file" in str(error.value)
    assert not Organisation.objects.filter(kind=Organisation.Kind.NHS_TRUST).exists()


def test_a_file_whose_kind_cannot_be_told_is_refused(tmp_path):
    other = tmp_path / "organisations.csv"
    other.write_text("")
    with pytest.raises(CommandError, match="KIND:FILE"):
        run(str(other))
