"""`manage.py link_ods FILE`: allocations, academies and cohorts linked to imported ICSs by ODS code, whole file or
nothing, audited, and again to the same rows; and the Surrey 500 then counts Surrey Heartlands' staff."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from academies.models import Academy
from enrolment.models import Cohort, Status
from portal.models import AuditEntry, IntegratedCareSystem, Organisation
from programmes.models import Programme, SchemeAllocation
from reporting.services import reports_refresh
from tests.academies.factories import AcademyFactory
from tests.enrolment.factories import CohortFactory
from tests.portal.factories import IcsLeadFactory, IntegratedCareSystemFactory
from tests.portal.test_import_ods import FILES
from tests.reporting.factories import application, months_ago, staff_member

pytestmark = pytest.mark.django_db
SURREY_500 = "allocation,surrey-500/Surrey Heartlands,QXU\n"


@pytest.fixture
def imported():
    call_command("load_catalogue", verbosity=0)
    call_command("import_ods", *FILES, stdout=StringIO(), stderr=StringIO())


def link(tmp_path, *lines, header="kind,key,ods_code\n"):
    path = tmp_path / "links.csv"
    path.write_text(header + "".join(lines))
    out = StringIO()
    call_command("link_ods", str(path), stdout=out)
    return out.getvalue()


def surrey_500():
    return SchemeAllocation.objects.get(scheme__slug="surrey-500", area_name="Surrey Heartlands")


def test_the_surrey_500_counts_surrey_heartlands_staff_once_the_file_links_its_imported_ics(client, imported, tmp_path):
    surrey = IntegratedCareSystem.objects.get(ods_code="QXU")
    nurse = staff_member(Organisation.objects.get(ods_code="RTK"))
    cohort = CohortFactory(programme=Programme.objects.get(slug="surrey-500"))
    application(nurse, cohort, Status.ACCEPTED, applied=months_ago(1))
    reports_refresh()
    client.force_login(IcsLeadFactory(ics=surrey).user)
    dashboard = reverse("reporting:ics_dashboard", args=[surrey.slug])
    assert not response_rows(client.get(dashboard))  # not linked: not this system's allocation

    output = link(tmp_path, SURREY_500)

    assert "1 linked, 0 already linked." in output
    (row,) = response_rows(client.get(dashboard))
    assert row[:4] == ["Surrey 500", f"Surrey Heartlands ({surrey.name})", "500", "1"]


def response_rows(response):
    return [[cell.text for cell in row] for row in response.context["scheme_table"].rows]


def test_each_kind_is_linked_audited_and_a_second_run_changes_nothing(imported, tmp_path):
    academy = Academy.objects.get(slug="surrey-heartlands-academy")
    cohort = CohortFactory(academy=academy)
    lines = [SURREY_500, "academy,surrey-heartlands-academy,qxu\n", f"cohort,{cohort.pk},QXU\n"]

    first = link(tmp_path, *lines)
    second = link(tmp_path, *lines)

    surrey = IntegratedCareSystem.objects.get(ods_code="QXU")
    assert surrey_500().ics == surrey
    assert Academy.objects.get(pk=academy.pk).ics == surrey
    assert Cohort.objects.get(pk=cohort.pk).ics == surrey
    assert "line 3: academy surrey-heartlands-academy linked to" in first
    assert "3 linked, 0 already linked." in first
    assert "0 linked, 3 already linked." in second
    entries = AuditEntry.objects.filter(action=AuditEntry.Action.ICS_LINKED)
    assert entries.count() == 3
    assert {entry.actor_label for entry in entries} == {"manage.py link_ods"}


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        (["allocation,surrey-500/Surrey Heartlands\n"], "line 3: give three values"),
        (["region,south-east,QXU\n"], "line 3: the kind is “region”"),
        (["allocation,surrey-500/Surrey Nowhere,QXU\n"], "line 3: there is no allocation “surrey-500/Surrey Nowhere”"),
        (["academy,no-such-academy,QXU\n"], "line 3: there is no academy"),
        (["cohort,99999999999999999999,QXU\n"], "line 3: there is no cohort"),
        (["cohort,abc,QXU\n"], "line 3: there is no cohort"),
        (["academy,surrey-heartlands-academy,ZZZ\n"], "line 3: no ICS has the ODS code ZZZ"),
        (["academy,surrey-heartlands-academy,QKK\n"], "line 3: This ICS's board has closed"),
        (["academy,surrey-heartlands-academy,DEMO1\n"], "line 3: A real record cannot be linked to a demo ICS"),
        ([SURREY_500], "line 3: this allocation is already linked on line 2"),
        (['academy,"surrey-heartlands-academy,QXU\n'], "not CSV"),
    ],
)
def test_a_bad_line_is_named_and_nothing_is_linked(imported, tmp_path, lines, message):
    Organisation.objects.filter(ods_code="QKK").update(is_closed=True)
    IntegratedCareSystemFactory(ods_code="DEMO1", is_demo=True)

    with pytest.raises(CommandError, match=message) as refused:
        link(tmp_path, SURREY_500, *lines)

    assert "Nothing was linked." in str(refused.value)
    assert surrey_500().ics is None  # line 2 was fine, and is not written either
    assert not AuditEntry.objects.filter(action=AuditEntry.Action.ICS_LINKED).exists()


def test_a_demo_academy_is_not_linked_to_a_real_system(imported, tmp_path):
    AcademyFactory(slug="a-demo-academy", is_demo=True)

    with pytest.raises(CommandError, match="line 2: A demo record cannot be linked to a real ICS"):
        link(tmp_path, "academy,a-demo-academy,QXU\n")


@pytest.mark.parametrize("header", ["", "kind,key,code\n"])
def test_a_file_without_its_header_is_refused(imported, tmp_path, header):
    with pytest.raises(CommandError, match="line 1: the header must be kind,key,ods_code"):
        link(tmp_path, SURREY_500, header=header)
