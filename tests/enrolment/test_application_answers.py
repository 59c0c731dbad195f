"""The applicant's answers to the programme's own questions are read back to the academy deciding, the line manager
supporting and the applicant themselves. An admin of another academy gets a 404 for the page that shows them:
test_decisions.test_another_academys_application_is_a_404_for_an_admin proves it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from enrolment.models import Status
from enrolment.services.manager_support import manager_link_token
from tests.academies.factories import AcademyAdminFactory, AcademyFactory
from tests.enrolment.factories import ApplicationFactory, ApplicationQuestionFactory, CohortFactory

pytestmark = pytest.mark.django_db

PAYLOAD = "<script>alert(1)</script>"


@pytest.fixture
def cohort():
    return CohortFactory(academy=AcademyFactory(local_partner=True))


@pytest.fixture
def admin(cohort):
    return AcademyAdminFactory(academy=cohort.academy).user


def answered(cohort, texts: list[str], **fields):
    """An application to `cohort` answering one question per text, asked in that order ("" leaves it blank)."""
    questions = [ApplicationQuestionFactory(programme=cohort.programme, position=n) for n in range(len(texts))]
    answers = {str(question.pk): text for question, text in zip(questions, texts, strict=True)}
    return ApplicationFactory(cohort=cohort, answers=answers, **fields), questions


def academy_page(client, application, admin):
    client.force_login(admin)
    return client.get(reverse("enrolment:academy_application", args=[application.pk]))


def manager_page(client, application, admin=None):
    return client.get(reverse("enrolment:manager_support", args=[manager_link_token(application)]))


def applicant_page(client, application, admin=None):
    client.force_login(application.applicant)
    return client.get(reverse("enrolment:application_detail", args=[application.pk]))


def rows_in_order(html: str, questions, answers: list[str]) -> bool:
    """Each question's prompt is followed by its answer, and the questions come in the given order."""
    places = []
    for question, answer in zip(questions, answers, strict=True):
        prompt_at = html.find(f">{question.prompt}<")
        places += [prompt_at, html.find(f">{answer}<", prompt_at)]
    return -1 not in places and places == sorted(places)


def test_the_academy_sees_each_answer_under_its_question_in_the_programmes_order_and_blanks_as_not_answered(
    client, cohort, admin
):
    application, questions = answered(cohort, ["We open a new unit.", "", "Two years."], under_review=True)
    first, second, third = questions
    first.position = 5  # moved last after the applicant answered: the page follows the programme's order
    first.save()

    response = academy_page(client, application, admin)

    assert response.status_code == 200
    html = response.content.decode()
    assert rows_in_order(html, [second, third, first], ["Not answered", "Two years.", "We open a new unit."])


def test_the_line_manager_sees_the_answers_on_the_support_page(client, cohort):
    application, questions = answered(
        cohort, ["We open a new unit.", ""], status=Status.AWAITING_MANAGER, line_manager_email="boss@example.nhs.test"
    )

    response = manager_page(client, application)

    assert response.status_code == 200
    assert rows_in_order(response.content.decode(), questions, ["We open a new unit.", "Not answered"])


def test_the_applicant_sees_their_answers_on_their_submitted_application(client, cohort):
    application, questions = answered(cohort, ["We open a new unit.", ""], under_review=True)

    response = applicant_page(client, application)

    assert response.status_code == 200
    assert rows_in_order(response.content.decode(), questions, ["We open a new unit.", "Not answered"])


@pytest.mark.parametrize(
    ("page", "status"),
    [
        (academy_page, Status.UNDER_REVIEW),
        (manager_page, Status.AWAITING_MANAGER),
        (applicant_page, Status.UNDER_REVIEW),
    ],
    ids=["academy", "line_manager", "applicant"],
)
def test_an_answer_is_shown_as_text_never_run_as_markup(client, cohort, admin, page, status):
    application, _ = answered(cohort, [PAYLOAD], status=status)

    html = page(client, application, admin).content.decode()

    assert escape(PAYLOAD) in html
    assert PAYLOAD not in html


def test_the_academys_application_page_takes_as_many_queries_for_five_questions_as_for_one(client, cohort, admin):
    client.force_login(admin)

    def queries_for_page(questions: int) -> int:
        application, _ = answered(CohortFactory(academy=cohort.academy), ["An answer."] * questions, under_review=True)
        with CaptureQueriesContext(connection) as queries:
            html = client.get(reverse("enrolment:academy_application", args=[application.pk])).content.decode()
        assert html.count("An answer.") == questions
        return len(queries)

    queries_for_page(1)  # the signed-in user and roles come from the cache from the second request on
    assert queries_for_page(1) == queries_for_page(5)
