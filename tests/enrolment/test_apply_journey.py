"""The apply journey's pages, each posted straight to its URL: the Apply page, the question pages, Check your answers,
the confirmations, and the are-you-sure pages before withdrawing, deleting a draft and declining."""

import pytest
from django.urls import reverse

from enrolment.models import Application, Status
from enrolment.services.applications import application_start
from tests.enrolment.factories import ApplicationFactory, ApplicationQuestionFactory, CohortFactory, answer_pages
from tests.portal.factories import UserFactory
from tests.programmes.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort():
    return CohortFactory(programme=ProgrammeFactory(line_manager_support_required=True), name="Spring cohort")


@pytest.fixture
def draft(cohort):
    return application_start(applicant=UserFactory(with_profile=True), programme=cohort.programme)


@pytest.fixture
def signed_in(client, draft):
    client.force_login(draft.applicant)
    return client


def page(draft, slug):
    return reverse("enrolment:application_page", args=[draft.pk, slug])


def test_the_apply_page_says_what_applying_asks_and_creates_nothing(client, cohort):
    client.force_login(UserFactory(with_profile=True))

    response = client.get(reverse("enrolment:apply", args=[cohort.programme.slug]))

    html = response.content.decode()
    assert "Start now" in html and "Spring cohort" in html and "line manager" in html
    assert not Application.objects.exists()


def test_the_programme_page_apply_button_is_a_link_to_the_apply_page(client, cohort):
    client.force_login(UserFactory(with_profile=True))

    html = client.get(cohort.programme.get_absolute_url()).content.decode()

    assert f'href="{reverse("enrolment:apply", args=[cohort.programme.slug])}"' in html
    assert not Application.objects.exists()


@pytest.mark.parametrize(
    ("slug", "data", "message"),
    [
        ("cohort", {}, "Select a cohort"),
        ("cohort", {"where": "cohort:999999"}, "Select one of the cohorts listed"),
        ("line-manager", {}, "Enter your line manager&#x27;s e-mail address"),
        ("line-manager", {"line_manager_email": "not an address"}, "in the correct format"),
        ("statement", {}, "Enter your supporting statement"),
        ("statement", {"supporting_statement": "x" * 3001}, "must be 3,000 characters or fewer"),
        ("your-job", {"job_title": "x" * 151}, "Your job title must be 150 characters or fewer"),
    ],
)
def test_a_page_posted_with_bad_input_says_what_is_wrong_and_saves_nothing(signed_in, draft, slug, data, message):
    before = Application.objects.values().get(pk=draft.pk)

    response = signed_in.post(page(draft, slug), data)

    assert response.status_code == 200
    html = response.content.decode()
    assert message in html and "There is a problem" in html
    assert "This field is required" not in html
    assert Application.objects.values().get(pk=draft.pk) == before


def test_the_line_manager_page_refuses_the_applicants_own_address(signed_in, draft):
    response = signed_in.post(page(draft, "line-manager"), {"line_manager_email": draft.applicant.email.upper()})

    assert "not your own" in response.content.decode()
    assert Application.objects.get(pk=draft.pk).line_manager_email == draft.line_manager_email


def test_each_page_saves_and_goes_to_the_next_with_a_back_link(signed_in, draft, cohort):
    response = signed_in.post(page(draft, "cohort"), {"where": f"cohort:{cohort.pk}"})
    assert response.url == page(draft, "your-job")
    assert Application.objects.get(pk=draft.pk).cohort == cohort

    html = signed_in.get(page(draft, "line-manager")).content.decode()
    assert f'class="nhsuk-back-link" href="{page(draft, "your-job")}"' in html

    response = signed_in.post(page(draft, "statement"), {"supporting_statement": "Ready to lead."})
    assert response.url == reverse("enrolment:application_check", args=[draft.pk])


def test_a_change_link_returns_to_check_your_answers(signed_in, draft, cohort):
    answer_pages(signed_in, draft, {"where": f"cohort:{cohort.pk}", "supporting_statement": "First go."})
    check = reverse("enrolment:application_check", args=[draft.pk])
    assert f'{page(draft, "statement")}?check=1' in signed_in.get(check).content.decode()

    response = signed_in.post(f'{page(draft, "statement")}?check=1', {"supporting_statement": "Second go."})

    assert response.url == check
    assert "Second go." in signed_in.get(check).content.decode()


def test_the_line_manager_page_is_asked_only_where_their_support_is_needed(client):
    cohort = CohortFactory(programme=ProgrammeFactory(line_manager_support_required=False))
    draft = application_start(applicant=UserFactory(with_profile=True), programme=cohort.programme)
    client.force_login(draft.applicant)

    assert client.get(page(draft, "line-manager")).status_code == 404
    assert client.post(page(draft, "your-job"), {}).url == page(draft, "statement")
    assert "line manager" not in client.get(reverse("enrolment:application_check", args=[draft.pk])).content.decode()


def test_the_programmes_own_questions_have_their_page(signed_in, draft):
    question = ApplicationQuestionFactory(programme=draft.programme, prompt="What will you change?", max_length=20)

    too_long = signed_in.post(page(draft, "questions"), {f"question_{question.pk}": "x" * 21})
    saved = signed_in.post(page(draft, "questions"), {f"question_{question.pk}": "My rota."})

    assert "Your answer must be 20 characters or fewer" in too_long.content.decode()
    assert saved.status_code == 302
    assert Application.objects.get(pk=draft.pk).answers == {str(question.pk): "My rota."}


def test_a_submit_posted_with_answers_missing_lists_them_and_submits_nothing(signed_in, draft):
    Application.objects.filter(pk=draft.pk).update(line_manager_email="")  # none on the profile to prefill it

    response = signed_in.post(reverse("enrolment:application_check", args=[draft.pk]))

    html = response.content.decode()
    assert "Choose a cohort, or any cohort in a region" in html
    assert "Write your supporting statement" in html
    assert "Enter your line manager&#x27;s e-mail address: this programme needs their support" in html
    assert Application.objects.get(pk=draft.pk).status == Status.DRAFT


def test_submitting_shows_the_confirmation_with_what_happens_next_and_its_dates(signed_in, draft, cohort):
    answers = {"where": f"cohort:{cohort.pk}", "line_manager_email": "manager@example.nhs.test",
               "supporting_statement": "Ready."}
    answer_pages(signed_in, draft, answers)

    response = signed_in.post(reverse("enrolment:application_check", args=[draft.pk]), follow=True)

    html = response.content.decode()
    assert "Application submitted" in html and "What happens next" in html
    assert "manager@example.nhs.test" in html
    assert f"starts on {cohort.starts_on.day} {cohort.starts_on:%B %Y}" in html
    assert Application.objects.get(pk=draft.pk).status == Status.AWAITING_MANAGER


def test_a_submitted_application_has_no_pages_to_change(signed_in, draft):
    Application.objects.filter(pk=draft.pk).update(status=Status.UNDER_REVIEW)

    response = signed_in.post(page(draft, "statement"), {"supporting_statement": "Changed."})

    assert response.url == reverse("enrolment:application_detail", args=[draft.pk])
    assert Application.objects.get(pk=draft.pk).supporting_statement == ""


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("enrolment:application_check", "get"),
        ("enrolment:application_check", "post"),
        ("enrolment:application_confirmation", "get"),
        ("enrolment:application_withdraw", "get"),
    ],
)
def test_another_persons_draft_is_a_404(client, draft, name, method):
    client.force_login(UserFactory(with_profile=True))

    response = getattr(client, method)(reverse(name, args=[draft.pk]))

    assert response.status_code == 404
    assert Application.objects.get(pk=draft.pk).status == Status.DRAFT


def test_another_persons_draft_pages_are_a_404(client, draft, cohort):
    client.force_login(UserFactory(with_profile=True))

    assert client.get(page(draft, "statement")).status_code == 404
    assert client.post(page(draft, "cohort"), {"where": f"cohort:{cohort.pk}"}).status_code == 404
    assert Application.objects.get(pk=draft.pk).cohort is None


@pytest.mark.parametrize(
    ("name", "trait", "title", "done"),
    [
        ("enrolment:application_withdraw", {"under_review": True}, "withdraw your application", Status.WITHDRAWN),
        ("enrolment:offer_decline", {"offered": True}, "decline the offer", Status.DECLINED),
    ],
)
def test_an_irreversible_answer_asks_first_and_needs_its_confirm_field(client, name, trait, title, done):
    application = ApplicationFactory(**trait)
    before = application.status
    client.force_login(application.applicant)
    url = reverse(name, args=[application.pk])

    asked = client.get(url).content.decode()
    bare = client.post(url, {"reason": "Changed job"})
    assert Application.objects.get(pk=application.pk).status == before
    confirmed = client.post(url, {"reason": "Changed job", "confirm": "yes"})

    assert f"Are you sure you want to {title}?" in asked and "What will happen" in asked
    assert "Confirm by selecting the button on this page" in bare.content.decode()
    assert confirmed.url == reverse("enrolment:application_confirmation", args=[application.pk])
    assert Application.objects.get(pk=application.pk).status == done
    assert "What happens next" in client.get(confirmed.url).content.decode()


def test_deleting_a_draft_asks_first_and_confirms(signed_in, draft):
    url = reverse("enrolment:application_withdraw", args=[draft.pk])

    assert "Are you sure you want to delete your draft?" in signed_in.get(url).content.decode()
    response = signed_in.post(url, {"confirm": "yes"}, follow=True)

    assert "Draft deleted" in response.content.decode()
    assert Application.objects.get(pk=draft.pk).status == Status.WITHDRAWN


def test_the_confirmed_post_still_follows_the_services_rules(client):
    application = ApplicationFactory(under_review=True)
    client.force_login(application.applicant)

    response = client.post(reverse("enrolment:offer_decline", args=[application.pk]), {"confirm": "yes"}, follow=True)

    assert "There is no offer to answer" in response.content.decode()
    assert Application.objects.get(pk=application.pk).status == Status.UNDER_REVIEW


def test_accepting_shows_the_confirmation_with_the_start_date(client):
    application = ApplicationFactory(offered=True)
    client.force_login(application.applicant)

    response = client.post(reverse("enrolment:offer_accept", args=[application.pk]), follow=True)

    starts = application.cohort.starts_on
    html = response.content.decode()
    assert "Place accepted" in html and f"starts on {starts.day} {starts:%B %Y}" in html


def test_accept_and_decline_do_not_sit_together(client):
    application = ApplicationFactory(offered=True)
    client.force_login(application.applicant)

    html = client.get(reverse("enrolment:application_detail", args=[application.pk])).content.decode()

    decline = reverse("enrolment:offer_decline", args=[application.pk])
    assert f'<a href="{decline}">decline the offer</a>' in html
    assert f'action="{decline}"' not in html
