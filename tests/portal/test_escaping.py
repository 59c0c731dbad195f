"""Whatever people type is shown as text, never run as markup.

Script and HTML payloads go into every free-text field a person controls, each through the form that real
people use, and every page that shows the field is read back: the escaped text is there, the raw tag is not.
"""

from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from coaching.models import CoachingRequest, CoachProfile
from enrolment.models import Application, ApplicationQuestion, Cohort, CohortSession, Enrolment
from enrolment.services.manager_support import manager_link_token
from portal.models import User
from tests.academies.factories import AcademyAdminFactory, AcademyFactory
from tests.coaching.factories import CoachProfileFactory, HlmDimensionFactory
from tests.enrolment.factories import ApplicationFactory, CohortFactory, answer_pages
from tests.portal.factories import OrganisationFactory, ProfessionFactory, RegionFactory
from tests.programmes.factories import CareerStageFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

PAYLOADS = {"script": "<script>alert(1)</script>", "attribute": '"><img src=x onerror=alert(1)>'}
RAW_MARKUP = ("<script>alert(1)", "<img src=x")


@dataclass
class Reader:
    """Reads pages back and notes every place a payload is not shown escaped."""

    payload: str
    problems: list[str] = field(default_factory=list)

    def check(self, what: str, client: Client, address: str) -> None:
        response = client.get(address)
        html = response.content.decode()
        if response.status_code != 200:
            self.problems.append(f"{what}: {address} answered {response.status_code}")
        elif self.payload in html or any(markup in html for markup in RAW_MARKUP):
            self.problems.append(f"{what}: {address} shows the raw markup")
        elif escape(self.payload) not in html:
            self.problems.append(f"{what}: {address} does not show the escaped text")


def posted(client: Client, address: str, data: dict) -> None:
    """Posts a form as a person would and checks it was accepted (a redirect, or the manager's thank-you page)."""
    response = client.post(address, data)
    assert response.status_code in (200, 302), (address, response.status_code)
    if response.status_code == 200:
        assert "There is a problem" not in response.content.decode(), (address, response.content.decode()[:3000])


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture(params=PAYLOADS.values(), ids=PAYLOADS.keys())
def payload(request):
    return request.param


def test_application_fields_are_shown_escaped_everywhere(payload):
    reader = Reader(payload)
    organisation, profession = OrganisationFactory(), ProfessionFactory()

    # A member of staff registers with the payload as their name, and describes their job with it.
    staff = Client()
    posted(staff, reverse("register"), {
        "full_name": payload, "email": "payload@example.nhs.test",
        "password1": "a-long-and-unusual-passphrase", "password2": "a-long-and-unusual-passphrase",
    })
    applicant = User.objects.get(email="payload@example.nhs.test")
    posted(staff, reverse("organisation_pick"), {"organisation": organisation.pk})
    posted(staff, reverse("profile"), {
        "profession": profession.pk, "staff_group": "nursing_midwifery",
        "grade": "band_6", "job_title": payload, "line_manager_email": "manager@example.nhs.test",
    })
    reader.check("full name in the header", staff, reverse("profile"))
    reader.check("job title in the profile form", staff, reverse("profile"))

    # The academy names its cohort and venue, and a session, with it.
    academy = AcademyFactory(local_partner=True)
    admin = signed_in(AcademyAdminFactory(academy=academy).user)
    programme = ProgrammeFactory(provider=academy, line_manager_support_required=True)
    question = ApplicationQuestion.objects.create(programme=programme, prompt="Why now?")
    starts = timezone.localdate() + timedelta(days=60)
    posted(admin, reverse("enrolment:workspace_cohort_create"), {
        "academy": academy.pk, "programme": programme.pk, "name": payload, "venue": payload,
        "starts_on": starts.isoformat(), "ends_on": (starts + timedelta(days=180)).isoformat(), "capacity": "20",
        "applications_open_at": f"{timezone.localdate() - timedelta(days=1)}T09:00",
        "applications_close_at": f"{starts - timedelta(days=14)}T17:00", "offer_days": "7",
    })
    cohort = Cohort.objects.get(name=payload)
    posted(admin, reverse("enrolment:workspace_session_create", args=[cohort.pk]), {
        "title": payload, "kind": "workshop", "venue": payload,
        "starts_at": f"{starts}T09:30", "ends_at": f"{starts}T16:00",
    })
    session = CohortSession.objects.get(cohort=cohort)
    reader.check("cohort name, venue and session in the workspace", admin, reverse("enrolment:workspace"))
    reader.check("cohort name, venue and session on the cohort's page", admin,
                 reverse("enrolment:workspace_cohort", args=[cohort.pk]))
    reader.check("cohort name and venue on the programme's page", Client(), programme.get_absolute_url())

    # The applicant writes their application with it.
    posted(staff, reverse("enrolment:apply", args=[programme.slug]), {})
    application = Application.objects.get(applicant=applicant, programme=programme)
    form = {
        "where": f"cohort:{cohort.pk}", "profession": profession.pk,
        "grade": "band_6", "job_title": payload, "supporting_statement": payload, f"question_{question.pk}": payload,
        "line_manager_email": "manager@example.nhs.test",
    }
    for response in answer_pages(staff, application, form):
        assert response.status_code == 302, "each page saved"
    reader.check("answers, statement, job title and cohort in the draft", staff,
                 reverse("enrolment:application_check", args=[application.pk]))
    posted(staff, reverse("enrolment:application_check", args=[application.pk]), {})

    # The line manager comments with it.
    manager = Client()
    link = reverse("enrolment:manager_support", args=[manager_link_token(Application.objects.get(pk=application.pk))])
    reader.check("name, job title and statement on the manager's page", manager, link)
    posted(manager, link, {"supported": "yes", "comment": payload})

    # The academy reads it all, and turns the application down with it as the reason.
    reader.check("names in the academy's list", admin, reverse("enrolment:academy_applications"))
    academy_page = reverse("enrolment:academy_application", args=[application.pk])
    reader.check("name, job title, statement and manager's comment for the academy", admin, academy_page)
    posted(admin, academy_page, {"decision": "unsuccessful", "reasons": ["other"], "reason": payload})
    reader.check("the academy's reason, for the academy", admin, academy_page)
    reader.check("manager's comment, reason, statement and cohort for the applicant", staff,
                 reverse("enrolment:application_detail", args=[application.pk]))

    # The applicant withdraws another application with it as the reason.
    other = ApplicationFactory(applicant=applicant, cohort=CohortFactory(programme=ProgrammeFactory(provider=academy),
                                                                           academy=academy), under_review=True)
    posted(staff, reverse("enrolment:application_withdraw", args=[other.pk]), {"reason": payload, "confirm": "yes"})
    reader.check("withdrawal reason for the applicant", staff, reverse("enrolment:application_detail", args=[other.pk]))
    reader.check("withdrawal reason for the academy", admin,
                 reverse("enrolment:academy_application", args=[other.pk]))

    # The academy cancels a third cohort with it as the reason.
    cancelled = ApplicationFactory(applicant=applicant, under_review=True, cohort=CohortFactory(
        programme=ProgrammeFactory(provider=academy), academy=academy))
    posted(admin, reverse("enrolment:workspace_cohort_cancel", args=[cancelled.cohort_id]), {"reason": payload})
    reader.check("cancellation reason for the applicant", staff,
                 reverse("enrolment:application_detail", args=[cancelled.pk]))

    # With a place on the cohort, the name is on the roster, the attendance and outcome forms.
    ApplicationFactory(applicant=applicant, cohort=cohort, accepted=True)
    reader.check("name on the roster", admin, reverse("enrolment:workspace_cohort", args=[cohort.pk]))
    reader.check("name on the attendance form", admin, reverse("enrolment:workspace_attendance", args=[session.pk]))
    reader.check("name on the outcomes form", admin, reverse("enrolment:workspace_outcomes", args=[cohort.pk]))

    # An open-access programme completed: the certificate carries the name.
    open_access = ProgrammeFactory(open_access=True)
    posted(staff, reverse("enrolment:enrol", args=[open_access.slug]), {})
    enrolment = Enrolment.objects.get(learner=applicant, programme=open_access)
    posted(staff, reverse("enrolment:enrolment_complete", args=[enrolment.pk]), {"cpd_hours": "10"})
    reader.check("name on the public certificate", Client(),
                 reverse("enrolment:certificate", args=[enrolment.certificate.code]))

    assert reader.problems == []


def test_coaching_fields_are_shown_escaped_everywhere(payload):
    reader = Reader(payload)
    region = RegionFactory()
    academy = AcademyFactory(local_partner=True, region=region)
    admin = signed_in(AcademyAdminFactory(academy=academy).user)
    dimension, profession, stage = HlmDimensionFactory(), ProfessionFactory(), CareerStageFactory()
    mentee_user = User.objects.create_user("mentee@example.nhs.test", "a-long-and-unusual-passphrase",
                                           full_name=payload)
    mentee = signed_in(mentee_user)
    posted(mentee, reverse("organisation_pick"), {"organisation": OrganisationFactory().pk})
    posted(mentee, reverse("profile"), {"job_title": payload})

    # A coach's profile with it as qualification and about-text, then turned down with it as the reason.
    posted(mentee, reverse("coaching:profile_edit"), {
        "academy": academy.pk, "offers": ["coaching"], "qualification": payload, "about": payload,
        "dimensions": [dimension.pk], "professions": [profession.pk], "career_stages": [stage.pk],
        "region": region.pk, "meets": ["online"], "max_mentees": "2",
    })
    profile = CoachProfile.objects.get(user=mentee_user)
    reader.check("name and qualification awaiting approval", admin, reverse("coaching:academy"))
    reader.check("name, qualification and about-text for the academy", admin, profile.get_absolute_url())
    posted(admin, reverse("coaching:profile_decision", args=[profile.pk]), {"decision": "reject", "reason": payload})
    reader.check("the academy's reason, for the coach", mentee, reverse("coaching:mine"))
    reader.check("the academy's reason on the profile form", mentee, reverse("coaching:profile_edit"))

    # A request to another coach, with it as the message.
    coach = CoachProfileFactory(region=region, academy=academy, dimensions=[dimension])
    posted(mentee, coach.get_absolute_url(), {"kind": "coaching", "message": payload})
    coaching_request = CoachingRequest.objects.get(mentee=mentee_user)
    reader.check("message, for the mentee", mentee, coaching_request.get_absolute_url())
    reader.check("message, name and job title, for the coach", signed_in(coach.user),
                 coaching_request.get_absolute_url())
    reader.check("name in the coach's list", signed_in(coach.user), reverse("coaching:mine"))

    assert reader.problems == []
