"""Who may apply, and when: the programme page's button and the services give the same answer, and a request
sent straight to the URL, past the button, is refused with that answer and changes nothing."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from enrolment.models import Application, EnrolmentError, Status
from enrolment.selectors import cohort_upcoming_list, programme_action, programmes_deliverable_by
from enrolment.services.applications import application_start
from programmes.models import Programme
from tests.academies.factories import AcademyFactory
from tests.enrolment.factories import CohortFactory, answer_pages, submit_answers
from tests.portal.factories import ProfessionFactory, StaffProfileFactory, UserFactory
from tests.programmes.factories import ProgrammeFactory
from tests.support.django_admin import edit_in_the_django_admin

pytestmark = pytest.mark.django_db


def action_for(user, programme):
    cohorts = list(cohort_upcoming_list(today=timezone.localdate()).filter(programme=programme))
    return programme_action(user=user, programme=programme, cohorts=cohorts)


def apply(client, user, programme):
    """Posts straight to the apply URL, as a crafted request would, and returns the page it lands on."""
    client.force_login(user)
    return client.post(reverse("enrolment:apply", args=[programme.slug]), follow=True)


@pytest.fixture
def consultants_only():
    programme = ProgrammeFactory(
        open_to_all_professions=False, professions=[ProfessionFactory(name="Consultant")],
        line_manager_support_required=False,
    )
    CohortFactory(programme=programme)
    return programme


@pytest.fixture
def nurse():
    return StaffProfileFactory(profession=ProfessionFactory(name="Nurse")).user


def test_a_profession_the_programme_is_not_for_cannot_apply_by_posting_past_the_button(client, consultants_only, nurse):
    reason = action_for(nurse, consultants_only).message

    page = apply(client, nurse, consultants_only).content.decode()

    assert "you are a nurse" in reason
    assert reason in page
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    ("cohort", "message"),
    [
        ({"closed": True}, "No cohort is open for applications"),
        ({"opens_later": True}, "They open on"),
        ({"starts_in_days": 0}, "No cohort is open for applications"),
        ({"starts_in_days": -1}, "No academy runs a cohort"),
        ({"starts_in_days": -200, "lasts_days": 100}, "No academy runs a cohort"),
    ],
    ids=["window closed", "not yet open", "starts today, window open", "started, window open", "finished, window open"],
)
def test_no_draft_is_made_for_a_cohort_that_takes_no_applications(client, cohort, message):
    programme = CohortFactory(**cohort).programme
    staff = UserFactory(with_profile=True)

    page = apply(client, staff, programme).content.decode()

    assert message in page
    assert message in action_for(staff, programme).message
    assert not Application.objects.exists()


def test_a_cancelled_cohort_takes_no_applications(client):
    cohort = CohortFactory(status="cancelled")
    staff = UserFactory(with_profile=True)

    apply(client, staff, cohort.programme)

    assert not Application.objects.exists()


def test_a_cohort_the_academy_keeps_open_after_its_start_takes_applications_until_its_last_joining_day():
    cohort = CohortFactory(starts_in_days=-3, joining_closes_on=timezone.localdate() + timedelta(days=4))
    staff = UserFactory(with_profile=True)

    assert application_start(applicant=staff, programme=cohort.programme).status == Status.DRAFT
    Application.objects.all().delete()
    with pytest.raises(EnrolmentError):
        application_start(applicant=staff, programme=cohort.programme, now=timezone.now() + timedelta(days=5))


def test_a_profession_changed_on_the_application_is_asked_again_at_submission(client, consultants_only, nurse):
    consultant = StaffProfileFactory(profession=consultants_only.professions.get()).user
    apply(client, consultant, consultants_only)
    application = Application.objects.get()
    cohort = consultants_only.cohorts.get()
    answer_pages(client, application, {"where": f"cohort:{cohort.pk}", "supporting_statement": "Ready."})

    response = client.post(
        reverse("enrolment:application_page", args=[application.pk, "your-job"]),
        {"profession": StaffProfileFactory().profession.pk},
    )

    assert 'id="id_profession_error"' in response.content.decode()
    assert Application.objects.get().profession == consultants_only.professions.get(), "a refused page saves nothing"
    Application.objects.filter(pk=application.pk).update(profession=StaffProfileFactory().profession)
    client.post(reverse("enrolment:application_check", args=[application.pk]))
    assert Application.objects.get().status == Status.DRAFT, "submitting asks the profession again"
    client.post(reverse("enrolment:application_page", args=[application.pk, "your-job"]), {"profession": ""})
    assert Application.objects.get().status == Status.DRAFT, "a programme for some professions needs one"


def test_submitting_after_the_cohort_has_started_is_refused(client):
    cohort = CohortFactory(programme=ProgrammeFactory(line_manager_support_required=False))
    staff = UserFactory(with_profile=True)
    apply(client, staff, cohort.programme)
    cohort.starts_on = timezone.localdate()
    cohort.save()

    response = submit_answers(
        client, Application.objects.get(), {"where": f"cohort:{cohort.pk}", "supporting_statement": "Ready."}
    )

    assert response.status_code == 200
    assert Application.objects.get().status == Status.DRAFT


@pytest.mark.parametrize(
    ("change", "refusal"),
    [
        (lambda other: {"open_to_all_professions": "", "professions": [other.pk]}, "you are a nurse"),
        (lambda _: {"positive_action_note": "For staff from a Black, Asian or minority ethnic background."},
         "Confirm that you meet this programme&#x27;s positive-action criteria"),
    ],
    ids=["professions narrowed", "positive action added"],
)
def test_a_rule_a_national_admin_adds_in_the_django_admin_holds_for_a_draft_made_before(client, change, refusal):
    programme = ProgrammeFactory(line_manager_support_required=False)
    cohort = CohortFactory(programme=programme)
    nurse = StaffProfileFactory(profession=ProfessionFactory(name="Nurse")).user
    apply(client, nurse, programme)
    admin_client = type(client)()
    admin_client.force_login(UserFactory(national_admin=True))

    edit_in_the_django_admin(admin_client, programme, **change(ProfessionFactory(name="Consultant")))
    response = submit_answers(
        client, Application.objects.get(), {"where": f"cohort:{cohort.pk}", "supporting_statement": "Ready."}
    )

    assert refusal in response.content.decode()
    assert Application.objects.get().status == Status.DRAFT


def test_the_positive_action_declaration_is_needed_even_when_the_form_is_bypassed(client):
    programme = ProgrammeFactory(positive_action_note="For staff from a Black, Asian or minority ethnic background.")
    cohort = CohortFactory(programme=programme)
    staff = UserFactory(with_profile=True)
    apply(client, staff, programme)
    application = Application.objects.get()
    answers = {"where": f"cohort:{cohort.pk}", "supporting_statement": "Ready.",
               "line_manager_email": "manager@example.nhs.test"}

    response = submit_answers(client, application, answers)
    on_its_page = client.post(reverse("enrolment:application_page", args=[application.pk, "questions"]), {})

    assert "Confirm that you meet this programme&#x27;s positive-action criteria" in response.content.decode()
    assert 'id="id_positive_action_declaration_error"' in on_its_page.content.decode()
    assert Application.objects.get().status == Status.DRAFT


def test_a_programme_whose_access_is_not_stated_is_joined_by_applying_to_an_academys_cohort():
    academy = AcademyFactory()
    unstated = ProgrammeFactory(access="", delivering_academies=[academy])
    open_access = ProgrammeFactory(open_access=True, delivering_academies=[academy])
    cohort = CohortFactory(programme=unstated)

    assert list(programmes_deliverable_by([academy])) == [unstated]
    assert application_start(applicant=UserFactory(with_profile=True), programme=cohort.programme)
    with pytest.raises(EnrolmentError):
        application_start(applicant=UserFactory(with_profile=True), programme=open_access)


def test_a_message_given_only_by_demo_cohorts_carries_the_demo_label(client):
    programme = ProgrammeFactory(access=Programme.Access.BY_APPLICATION)
    CohortFactory(programme=programme, is_demo=True)
    staff = UserFactory(with_profile=True)
    client.force_login(staff)

    assert action_for(staff, programme).is_demo
    page = client.get(programme.get_absolute_url()).content.decode()
    card = page[page.index('id="programme-action"') :]
    assert "Demo</strong>" in card[: card.index("</div>")]
    CohortFactory(programme=programme)
    assert not action_for(staff, programme).is_demo, "a real cohort open too: the message is not demo's alone"
    later = CohortFactory(programme=ProgrammeFactory(), opens_later=True, is_demo=True)
    assert action_for(staff, later.programme).is_demo, "They open on …, from a demo cohort"
