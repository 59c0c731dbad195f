"""A member of staff takes away everything the portal holds about them, and can have it erased, while the
reports stay right (UK GDPR: access and erasure)."""

import json
from datetime import timedelta

import pytest
from django.contrib.auth import SESSION_KEY
from django.db import connection
from django.db.models import Count
from django.db.models.functions import TruncMonth
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from coaching.models import CoachingRequest, CoachProfile
from enrolment.models import Application, ApplicationEvent, ApplicationQuestion, Attendance, CohortSession, Status
from portal.models import EmailDelivery, StaffProfile, User
from portal.privacy import ERASED_NAME
from reporting.models import EqualityProfile, MonthlyFigure
from reporting.services import reports_refresh
from tests.coaching.factories import CoachingRequestFactory, CoachProfileFactory
from tests.enrolment.factories import ApplicationFactory, CohortFactory
from tests.portal.factories import TEST_PASSWORD, UserFactory
from tests.programmes.factories import ProgrammeFactory
from tests.reporting.conftest import known  # noqa: F401 - the reporting tests' hand-worked system
from tests.reporting.factories import EqualityProfileFactory, open_access_enrolment

pytestmark = pytest.mark.django_db

EQUALITY_DIMENSIONS = ["ethnic_group", "sex", "disability", "age_band"]


@pytest.fixture
def person():
    """Someone with a little of everything: profile, equality answers, a finished application with its history
    and attendance, a certificate, a coach profile, a coaching request and an e-mail."""
    user = UserFactory(with_profile=True, full_name="Nia Mensah", email="nia.mensah@example.nhs.test")
    EqualityProfileFactory(user=user, ethnicity="black_african", sex="female")
    cohort = CohortFactory()
    question = ApplicationQuestion.objects.create(programme=cohort.programme, prompt="Why now?")
    application = ApplicationFactory(
        applicant=user,
        cohort=cohort,
        status=Status.COMPLETED,
        supporting_statement="I run the night shift on a surgical ward.",
        answers={str(question.pk): "Our new unit opens this year."},
        manager_comment="Nia is ready for this.",
        line_manager_email="boss@example.nhs.test",
        job_title="Charge nurse",
        budget_holder_name="Bea Holder",
        budget_holder_email="bea.holder@example.nhs.test",
        bursary_statement="I care for my mother and cannot pay the fee.",
    )
    ApplicationEvent.objects.create(
        application=application, actor=user, from_status=Status.DRAFT, to_status=Status.UNDER_REVIEW,
        reason="Submitted",
    )
    session = CohortSession.objects.create(
        cohort=cohort, title="Workshop 1", starts_at=timezone.now(), ends_at=timezone.now() + timedelta(hours=6)
    )
    Attendance.objects.create(session=session, application=application, attended=True)
    open_access_enrolment(user, ProgrammeFactory(open_access=True), enrolled=timezone.now(), completed=True)
    user.certificates.create(holder_name=user.full_name, programme=cohort.programme, application=application)
    CoachProfileFactory(user=user, about="Twenty years in theatres.")
    CoachingRequestFactory(mentee=user, status=CoachingRequest.Status.WITHDRAWN, message="Help me lead a team.")
    EmailDelivery.objects.create(key=f"welcome:{user.pk}", to=user.email, subject="Welcome", sent_at=timezone.now())
    EmailDelivery.objects.create(
        key=f"application:{application.pk}:manager-request", to="boss@example.nhs.test",
        subject="Please support Nia Mensah's application",
    )
    return user


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_download_holds_everything_the_portal_holds_about_the_person(person):
    someone_else = ApplicationFactory(supporting_statement="Not Nia's words")

    response = signed_in(person).get(reverse("personal_data_download"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    data = json.loads(response.content)
    assert data["account"]["email"] == "nia.mensah@example.nhs.test"
    assert data["staff_profile"]["job_title"] == "Staff nurse"
    assert data["equality_monitoring"]["ethnicity"] == "black_african"
    [application] = data["applications"]
    assert application["supporting_statement"] == "I run the night shift on a surgical ward."
    assert application["answers"] == [{"question": "Why now?", "answer": "Our new unit opens this year."}]
    assert application["line_manager_comment"] == "Nia is ready for this."
    assert (application["budget_holder_name"], application["budget_holder_email"]) == (
        "Bea Holder", "bea.holder@example.nhs.test"
    )
    assert application["bursary_statement"] == "I care for my mother and cannot pay the fee."
    assert application["history"][0]["by"] == "You"
    assert application["attendance"] == [
        {"session": "Workshop 1", "starts_at": application["attendance"][0]["starts_at"], "attended": True}
    ]
    assert len(data["open_access_enrolments"]) == 1
    assert len(data["certificates"]) == 1
    assert data["coaching"]["coach_profile"]["about"] == "Twenty years in theatres."
    assert data["coaching"]["requests"][0]["message"] == "Help me lead a team."
    assert [email["subject"] for email in data["emails_sent_to_you"]] == ["Welcome"]
    assert someone_else.supporting_statement not in response.content.decode()


def test_the_download_takes_as_many_queries_for_four_applications_and_requests_as_for_one(person):
    client = signed_in(person)
    client.get(reverse("personal_data_download"))  # the signed-in user is now in the cache
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("personal_data_download"))

    for _ in range(3):
        programme = ProgrammeFactory()
        question = ApplicationQuestion.objects.create(programme=programme, prompt="Why?")
        ApplicationFactory(applicant=person, cohort=CohortFactory(programme=programme), status=Status.WITHDRAWN,
                           answers={str(question.pk): "Because."})
        CoachingRequestFactory(mentee=person, status=CoachingRequest.Status.WITHDRAWN)
    with CaptureQueriesContext(connection) as four:
        client.get(reverse("personal_data_download"))

    assert len(four) == len(one)


def test_the_download_needs_a_signed_in_person(client):
    response = client.get(reverse("personal_data_download"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_the_profile_page_links_to_the_download_and_to_erasure(person):
    page = signed_in(person).get(reverse("profile")).content.decode()

    assert reverse("personal_data_download") in page
    assert reverse("personal_data_erase") in page


@pytest.mark.parametrize(
    ("data", "error"),
    [
        ({"password": "wrong-password", "confirm": "on"}, "Enter your current password"),
        ({"password": TEST_PASSWORD}, "Confirm that you want your personal data erased"),
    ],
)
def test_erasure_needs_the_password_and_the_confirmation(person, data, error):
    response = signed_in(person).post(reverse("personal_data_erase"), data)

    assert response.status_code == 200
    assert error in response.content.decode()
    person.refresh_from_db()
    assert person.erased_at is None


def test_erasure_anonymises_the_person_and_signs_them_out(person):
    client = signed_in(person)
    elsewhere = signed_in(person)  # the same person, signed in on another device

    response = client.post(reverse("personal_data_erase"), {"password": TEST_PASSWORD, "confirm": "on"})

    assert response.url == reverse("home")
    assert SESSION_KEY not in client.session
    assert elsewhere.get(reverse("profile")).status_code == 302
    person.refresh_from_db()
    assert person.email == f"erased-{person.pk}@erased.invalid"
    assert person.full_name == ERASED_NAME
    assert not person.is_active and not person.has_usable_password() and person.erased_at
    old_login = Client().post(reverse("login"), {"username": "nia.mensah@example.nhs.test", "password": TEST_PASSWORD})
    assert old_login.status_code == 200, "the old e-mail and password no longer sign anyone in"
    profile = StaffProfile.objects.get(user=person)
    assert (profile.job_title, profile.line_manager_email) == ("", "")
    application = Application.objects.get(applicant=person)
    assert (application.supporting_statement, application.answers, application.manager_comment) == ("", {}, "")
    assert (application.line_manager_email, application.job_title) == ("", "")
    assert (application.budget_holder_name, application.budget_holder_email) == ("", "")
    assert application.bursary_statement == ""
    assert not ApplicationEvent.objects.filter(application=application).exclude(reason="").exists()
    assert person.certificates.get(application=application).holder_name == ERASED_NAME
    assert not EqualityProfile.objects.filter(user=person).exists()
    assert CoachingRequest.objects.get(mentee=person).message == ""
    coach = CoachProfile.objects.get(user=person)
    assert (coach.about, coach.qualification, coach.status) == ("", "", CoachProfile.Status.REJECTED)
    assert not EmailDelivery.objects.filter(to__iexact="nia.mensah@example.nhs.test").exists()
    assert not EmailDelivery.objects.filter(subject__contains="Nia").exists()
    assert EmailDelivery.objects.get(key=f"welcome:{person.pk}").sent_at, "a re-run task still finds it sent"
    everything = json.dumps(list(User.objects.filter(pk=person.pk).values()), default=str)
    assert "Nia" not in everything and "mensah" not in everything


def test_erasure_waits_until_nothing_is_in_progress(person):
    in_progress = ApplicationFactory(applicant=person, cohort=CohortFactory(), under_review=True)
    client = signed_in(person)

    page = client.get(reverse("personal_data_erase")).content.decode()
    response = client.post(reverse("personal_data_erase"), {"password": TEST_PASSWORD, "confirm": "on"})

    assert f"Your application to {in_progress.programme.title} is being reviewed" in page
    assert response.status_code == 200
    person.refresh_from_db()
    assert person.erased_at is None and person.is_active


def test_erasure_deletes_drafts_which_no_report_counts(person):
    draft = ApplicationFactory(applicant=person, cohort=CohortFactory(), status=Status.DRAFT, submitted_at=None)

    signed_in(person).post(reverse("personal_data_erase"), {"password": TEST_PASSWORD, "confirm": "on"})

    assert not Application.objects.filter(pk=draft.pk).exists()


def report_figures():
    """What every report reads (reporting's MonthlyFigure), and counts by status, programme, cohort, place of
    work, band and month: all but the equality breakdowns, which an erased person's answers leave."""
    figures = MonthlyFigure.objects.exclude(dimension__in=EQUALITY_DIMENSIONS).values_list(
        "dimension", "ics_id", "region_id", "month", "programme_id", "organisation_id", "profession_id", "code",
        "applications", "offers", "enrolments", "completions",
    )
    counts = (
        Application.objects.values("status", "programme", "cohort", "organisation", "profession", "grade")
        .annotate(month=TruncMonth("submitted_at"), count=Count("pk"))
        .values_list("status", "programme", "cohort", "organisation", "profession", "grade", "month", "count")
    )
    return sorted(figures, key=str), sorted(counts, key=str)


def test_erasure_leaves_every_report_figure_as_it_was(known):  # noqa: F811 - the fixture imported above
    before = report_figures()
    closed = Application.objects.filter(status__in=[Status.UNSUCCESSFUL, Status.COMPLETED])
    people = {application.applicant for application in closed} | {
        enrolment.learner for enrolment in known.jenner.enrolments.filter(status="completed")
    }
    assert len(people) == 3  # a3's and a4's applicants, and e1's learner

    for user in people:
        response = signed_in(user).post(reverse("personal_data_erase"), {"password": TEST_PASSWORD, "confirm": "on"})
        assert response.status_code == 302
    reports_refresh()

    assert User.objects.filter(erased_at__isnull=False).count() == 3
    assert report_figures() == before
