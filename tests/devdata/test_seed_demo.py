"""seed_demo must give one working sign-in per role, mark everything it makes as demo, be safe to re-run,
and refuse to run where demo accounts with a published password could leak into a live site."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from academies.models import Academy, AcademyAdmin
from coaching.models import CoachProfile
from devdata import demo, demo_activity, demo_outcomes
from enrolment.funding import FundingKind
from enrolment.models import Application, Cohort, Nomination, PlaceAllocation
from enrolment.services.bursaries import cohort_bursary_problems
from evaluation.models import FeedbackResponse
from evaluation.selectors import academy_feedback
from improvement.models import ImprovementProject
from improvement.selectors import showcase_queryset
from portal.models import IcsLead, IntegratedCareSystem, Organisation, StaffProfile, User
from portal.small_numbers import SMALL_NUMBER
from programmes.models import Programme
from progression.models import FollowUp
from selfassessment.models import SelfAssessment
from selfassessment.selectors import assessment_report

# Rows seed_demo may create, each flagged is_demo.
DEMO_FLAGGED_MODELS = [User, IntegratedCareSystem, Organisation, Academy, Cohort]
# Every table seed_demo writes to, including role rows and the programme-academy link.
WRITTEN_MODELS = [
    *DEMO_FLAGGED_MODELS,
    StaffProfile,
    AcademyAdmin,
    IcsLead,
    Programme.delivering_academies.through,
    PlaceAllocation,
    Nomination,
    Application,
    ImprovementProject,
    FollowUp,
    FeedbackResponse,
    SelfAssessment,
]


@pytest.fixture
def catalogue(db):
    call_command("load_catalogue", stdout=StringIO())


@pytest.fixture
def debug_on(settings):
    """pytest-django runs tests with DEBUG off; seed_demo is meant for a developer's machine, where it is on."""
    settings.DEBUG = True


def seed(**options) -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out, **options)
    return out.getvalue()


def snapshot() -> dict:
    return {model._meta.label: list(model.objects.order_by("pk").values()) for model in WRITTEN_MODELS}


@pytest.mark.django_db
def test_creates_one_working_account_per_role(catalogue, debug_on):
    output = seed()

    for account in demo.DEMO_ACCOUNTS:
        user = User.objects.get(email=account.email)
        assert user.is_demo
        assert user.check_password(demo.DEMO_PASSWORD)
        assert account.email in output
    assert demo.DEMO_PASSWORD in output
    # It says what it is doing as it goes, before the summary: applying and completing take a while.
    assert output.index("Seeding outcomes") < output.index("Demo data is in place")

    profile = StaffProfile.objects.get(user__email=demo.STAFF_ACCOUNT.email)
    assert profile.profession.slug == demo.NURSE_PROFESSION_SLUG
    assert profile.grade == StaffProfile.Grade.BAND_5
    assert profile.organisation.kind == Organisation.Kind.NHS_TRUST and profile.organisation.is_demo
    assert profile.line_manager_email

    academy_role = AcademyAdmin.objects.get(user__email=demo.ACADEMY_ADMIN_ACCOUNT.email)
    assert academy_role.academy.is_demo
    ics_role = IcsLead.objects.get(user__email=demo.ICS_LEAD_ACCOUNT.email)
    assert ics_role.ics.is_demo

    national = User.objects.get(email=demo.NATIONAL_ADMIN_ACCOUNT.email)
    assert national.is_national_admin and national.is_staff and national.is_superuser
    others = User.objects.filter(is_demo=True).exclude(pk=national.pk)
    assert not others.filter(is_staff=True).exists() and not others.filter(is_superuser=True).exists()


@pytest.mark.django_db
def test_programmes_whose_access_the_catalogue_leaves_blank_still_get_their_demo_cohorts(catalogue, debug_on):
    Programme.objects.exclude(access=Programme.Access.OPEN_ACCESS).update(access="")

    seed()

    slugs = {cohort.programme_slug for cohort in demo.DEMO_COHORTS}
    assert set(Cohort.objects.filter(is_demo=True).values_list("programme__slug", flat=True)) == slugs


@pytest.mark.django_db
def test_local_academies_deliver_mary_seacole_with_future_cohorts(catalogue, debug_on):
    seed()

    mary_seacole = Programme.objects.get(slug=demo.MARY_SEACOLE_SLUG)
    local_academies = Academy.objects.filter(is_demo=True)
    assert local_academies.count() == len(demo.DEMO_ACADEMIES)
    assert len({academy.region_id for academy in local_academies}) == len(demo.DEMO_ACADEMIES)
    for academy in local_academies:
        assert academy.kind == Academy.Kind.LOCAL_DELIVERY_PARTNER
        assert academy.parent.slug == demo.NATIONAL_ACADEMY_SLUG
        assert mary_seacole.delivering_academies.filter(pk=academy.pk).exists()
        assert Cohort.objects.filter(programme=mary_seacole, academy=academy).exists()

    today, now = timezone.localdate(), timezone.now()
    cohorts = Cohort.objects.filter(is_demo=True, name__in=[cohort.name for cohort in demo.DEMO_COHORTS])
    assert all(cohort.starts_on > today for cohort in cohorts)
    assert not any(cohort.programme.is_open_access for cohort in cohorts)
    assert any(cohort.applications_open_at <= now < cohort.applications_close_at for cohort in cohorts)
    assert any(cohort.applications_open_at > now for cohort in cohorts)
    assert any(cohort.applications_close_at < now for cohort in cohorts)
    for cohort in cohorts:
        cohort.full_clean()


@pytest.mark.django_db
def test_everything_created_is_marked_and_named_demo(catalogue, debug_on):
    before = {model: set(model.objects.values_list("pk", flat=True)) for model in DEMO_FLAGGED_MODELS}
    seed()

    for model in DEMO_FLAGGED_MODELS:
        created = model.objects.exclude(pk__in=before[model])
        assert created.exists(), model
        assert not created.filter(is_demo=False).exists(), model
    for model in (IntegratedCareSystem, Organisation, Academy):
        names = model.objects.filter(is_demo=True).values_list("name", flat=True)
        assert all(name.startswith("Demo") for name in names), model
    assert all("demo" in cohort.venue.lower() for cohort in Cohort.objects.filter(is_demo=True))


@pytest.mark.django_db
def test_second_run_changes_nothing(catalogue, debug_on):
    seed()
    first = snapshot()

    output = seed()

    assert snapshot() == first
    assert "created " not in output


@pytest.mark.django_db
def test_refuses_without_the_catalogue(debug_on):
    with pytest.raises(CommandError, match="run load_catalogue first"):
        seed()
    assert not User.objects.exists()


@pytest.mark.django_db
def test_refuses_when_debug_is_off_unless_forced(catalogue, settings):
    settings.DEBUG = False

    with pytest.raises(CommandError, match="--force"):
        seed()
    assert not User.objects.filter(is_demo=True).exists()

    seed(force=True)
    demo_emails = set(User.objects.filter(is_demo=True).values_list("email", flat=True))
    assert {account.email for account in demo.DEMO_ACCOUNTS} <= demo_emails


@pytest.mark.django_db
def test_the_demo_has_applicants_at_each_stage_and_coaches_on_the_register(catalogue, debug_on):
    seed()

    applicants = [applicant.email for applicant in demo_activity.DEMO_APPLICANTS]
    statuses = sorted(Application.objects.filter(applicant__email__in=applicants).values_list("status", flat=True))
    assert statuses == ["awaiting_manager", "offered", "under_review", "under_review"]
    assert CoachProfile.objects.listed().filter(is_demo=True).count() == 2
    assert all(application.events.exists() for application in Application.objects.all())


@pytest.mark.django_db
def test_the_demo_has_an_employer_funded_cohort_with_a_fee_and_one_offering_bursaries(catalogue, debug_on):
    seed()

    funded = Cohort.objects.get(is_demo=True, funding_kind=FundingKind.EMPLOYER)
    assert funded.fee and "Demo" in funded.name and funded.is_open_for_applications()
    offering = Cohort.objects.get(is_demo=True, bursaries_available__gt=0)
    assert "Demo" in offering.name and offering.is_open_for_applications()
    assert cohort_bursary_problems(offering) == {}


def test_the_demo_ics_lead_has_places_to_nominate_for_and_the_demo_staff_member_is_nominated(catalogue, debug_on):
    seed()

    allocation = PlaceAllocation.objects.select_related("cohort", "ics").get()
    lead = User.objects.get(email=demo.ICS_LEAD_ACCOUNT.email)
    assert allocation.cohort.is_demo and allocation.ics.is_demo
    assert IcsLead.objects.filter(user=lead, ics=allocation.ics).exists()
    assert list(allocation.nominations.values_list("email", "nominated_by")) == [(demo.STAFF_ACCOUNT.email, lead.pk)]


@pytest.mark.django_db
def test_the_demo_has_outcomes_on_an_ended_cohort_for_every_page_of_issue_20(catalogue, debug_on):
    seed()

    ended = Cohort.objects.get(is_demo=True, name=demo_outcomes.ENDED_COHORT_NAME)
    today = timezone.localdate()
    assert ended.ends_on < today and ended.status == Cohort.Status.FINISHED
    places = ended.applications.all()
    assert {place.status for place in places} == {Application.Status.COMPLETED}
    assert places.count() == len(demo_outcomes.DEMO_PARTICIPANTS) >= SMALL_NUMBER
    assert all(place.submitted_at.date() < ended.starts_on for place in places)
    running = Cohort.objects.get(is_demo=True, name=demo_outcomes.RUNNING_COHORT_NAME)
    assert running.starts_on <= today <= running.ends_on and running.status == Cohort.Status.RUNNING
    assert running.applications.get().status == Application.Status.ACCEPTED

    projects = ImprovementProject.objects.all()
    assert all(project.is_demo for project in projects)
    assert sorted(projects.values_list("status", flat=True)) == ["approved", "draft", "returned", "submitted"]
    public = showcase_queryset().get()
    assert public.application.cohort == ended and public.show_name

    follow_ups = FollowUp.objects.filter(application__cohort=ended)
    assert follow_ups.count() == places.count()
    assert follow_ups.filter(answered_at__isnull=False).count() == places.count() - 1

    admin = User.objects.get(email=demo.ACADEMY_ADMIN_ACCOUNT.email)
    (cohort, results), *_ = academy_feedback(user=admin).cohorts
    assert cohort == ended and results.shown

    staff = User.objects.get(email=demo.STAFF_ACCOUNT.email)
    latest = staff.self_assessments.first()
    report = assessment_report(staff, latest.pk)
    assert report.previous is not None and any(row.change for row in report.rows)
    assert report.recommendations
    assert all(assessment.is_demo for assessment in SelfAssessment.objects.all())
