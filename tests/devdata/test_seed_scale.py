"""seed_scale, run small: it makes the data set asked for, all demo, adds nothing when run again, grows when asked
for more, refuses a different shape clearly, and the benchmark runs end to end on it."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, F, Q

from enrolment.models import PLACE_HOLDING, Application, ApplicationEvent, Cohort, Enrolment, Status
from portal.models import IntegratedCareSystem, Organisation, Region, StaffProfile, User
from programmes.models import Programme
from reporting.models import EqualityProfile, ReportFact, ReportsRefresh

pytestmark = pytest.mark.django_db

SMALL = {"staff": 200, "applications": 1000, "programmes": 20, "cohorts": 60, "enrolments": 100, "force": True}


def seed(**options):
    out = StringIO()
    call_command("seed_scale", stdout=out, **{**SMALL, **options})
    return out.getvalue()


def counts():
    return {
        "users": User.objects.count(),
        "applications": Application.objects.count(),
        "events": ApplicationEvent.objects.count(),
        "enrolments": Enrolment.objects.count(),
        "equality": EqualityProfile.objects.count(),
        "cohorts": Cohort.objects.count(),
    }


def test_a_small_run_makes_the_data_set_asked_for_all_marked_demo():
    output = seed()

    systems = IntegratedCareSystem.objects.all()
    assert systems.count() == 42 and not systems.filter(is_demo=False).exists()
    assert Region.objects.count() == 7
    assert set(systems.values_list("region", flat=True)) == set(Region.objects.values_list("pk", flat=True))
    assert Organisation.objects.filter(is_demo=True).count() == 42 * 24
    assert User.objects.filter(is_demo=True).count() == 200
    assert not any(user.has_usable_password() for user in User.objects.all())
    assert StaffProfile.objects.count() == 200
    assert Programme.objects.filter(is_demo=True).count() == 20
    assert Programme.objects.filter(access=Programme.Access.OPEN_ACCESS).count() == 1
    assert Cohort.objects.filter(is_demo=True).count() == 60
    assert Application.objects.count() == 1000
    assert Enrolment.objects.count() == 100
    assert "Added 200 staff, 1,000 applications, 100 enrolments" in output
    assert "Applications             [##############################] 100%  1,000 of 1,000" in output
    assert ReportFact.objects.count() == 1100 - Application.objects.filter(submitted_at__isnull=True).count()
    assert ReportsRefresh.objects.get().finished_at is not None


def test_the_data_set_keeps_the_portals_rules():
    seed()

    held = Cohort.objects.annotate(held=Count("applications", filter=Q(applications__status__in=PLACE_HOLDING)))
    assert not held.filter(held__gt=F("capacity")).exists()
    assert not Application.objects.filter(status=Status.OFFERED, offer_expires_at__isnull=True).exists()
    accepted = Application.objects.filter(status__in=[Status.ACCEPTED, Status.COMPLETED, Status.DID_NOT_COMPLETE])
    assert ApplicationEvent.objects.filter(to_status=Status.ACCEPTED).count() == accepted.count()
    assert not Application.objects.filter(submitted_at__lt=F("cohort__applications_open_at")).exists()
    assert Application.objects.filter(organisation__isnull=True).exists()  # some fall back to the staff profile


def test_running_again_with_the_same_counts_adds_nothing():
    seed()
    before = counts()

    output = seed()

    assert counts() == before
    assert "Nothing to add" in output


def test_asking_for_more_applications_adds_only_the_rest():
    seed()
    first = set(Application.objects.values_list("applicant", "programme", "cohort", "submitted_at"))

    seed(applications=1500)

    assert Application.objects.count() == 1500
    assert first <= set(Application.objects.values_list("applicant", "programme", "cohort", "submitted_at"))


def test_a_different_shape_is_refused_with_what_to_do_and_changes_nothing():
    seed()
    before = counts()

    with pytest.raises(
        CommandError, match="already has a scale data set with 200 staff, not 300. Run again with --staff 200"
    ):
        seed(staff=300)
    with pytest.raises(CommandError, match="1,000 scale applications, more than 10"):
        seed(applications=10)
    assert counts() == before


def test_it_refuses_to_run_with_debug_off_unless_forced():
    with pytest.raises(CommandError, match="DEBUG is off"):
        seed(force=False)
    assert not User.objects.exists()


def test_the_benchmark_runs_at_two_scales_and_reports_time_and_queries():
    out = StringIO()

    call_command(
        "benchmark_reports",
        scales=[300, 600],
        repeat=2,
        max_growth=100,
        staff=100,
        programmes=20,
        cohorts=40,
        enrolments=50,
        force=True,
        stdout=out,
    )

    output = out.getvalue()
    assert "Times in ms: best / median of the requests." in output
    assert "Dashboard: " in output
    assert "Funnel: " in output
    assert "national funnel" in output
    assert "CHANGED" not in output
    assert "The reports scale" in output
