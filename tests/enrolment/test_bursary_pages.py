"""The bursary pages: the applicant asks from their application page, only where the cohort offers bursaries; the
academy reads the statement and awards or refuses from its application page. Each URL is posted to straight, as
the right and the wrong person; the statement shows nowhere else."""

from decimal import Decimal

import pytest
from django.urls import reverse

from enrolment.bursaries import BURSARY_STATE_TEXT, BURSARY_STATEMENT_LIMIT, BursaryState
from enrolment.models import Application, Cohort
from enrolment.services.bursaries import bursary_request
from tests.academies.factories import AcademyAdminFactory, AcademyFactory
from tests.enrolment.factories import ApplicationFactory
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db
STATEMENT = "I care for my mother and cannot pay the travel myself."


def ask_url(application) -> str:
    return reverse("enrolment:application_bursary", args=[application.pk])


def decide_url(application) -> str:
    return reverse("enrolment:academy_application_bursary", args=[application.pk])


def saved(application) -> Application:
    return Application.objects.get(pk=application.pk)


@pytest.fixture
def applied(offering) -> Application:
    return ApplicationFactory(cohort=offering, under_review=True)


@pytest.fixture
def asked(applied) -> Application:
    return bursary_request(application_id=applied.pk, applicant=applied.applicant, statement=STATEMENT)


def test_the_application_page_links_to_the_bursary_page_only_where_the_cohort_offers_them(client, applied, cohort):
    client.force_login(applied.applicant)
    assert ask_url(applied) in client.get(reverse("enrolment:application_detail", args=[applied.pk])).content.decode()

    Cohort.objects.filter(pk=cohort.pk).update(bursaries_available=0)
    page = client.get(reverse("enrolment:application_detail", args=[applied.pk])).content.decode()
    assert ask_url(applied) not in page
    response = client.get(ask_url(applied), follow=True)
    assert "cannot ask for a bursary" in response.content.decode()


def test_the_applicant_asks_and_their_page_says_where_it_stands(client, applied):
    client.force_login(applied.applicant)

    response = client.post(ask_url(applied), {"bursary_statement": STATEMENT})

    assert response.status_code == 302
    assert saved(applied).bursary_state == BursaryState.REQUESTED
    page = client.get(response.url).content.decode()
    assert BURSARY_STATE_TEXT[BursaryState.REQUESTED].split(".")[0] in page
    assert ask_url(applied) not in page


@pytest.mark.parametrize(
    ("statement", "message"),
    [("   ", "Write why you are asking for a bursary"), ("x" * (BURSARY_STATEMENT_LIMIT + 1), "characters or fewer")],
)
def test_a_bad_statement_posted_straight_is_a_field_error_and_saves_nothing(client, applied, statement, message):
    client.force_login(applied.applicant)

    response = client.post(ask_url(applied), {"bursary_statement": statement})

    assert response.status_code == 200
    assert message in response.content.decode()
    assert (saved(applied).bursary_state, saved(applied).bursary_statement) == ("", "")


def test_asking_twice_is_refused_with_a_message(client, asked):
    client.force_login(asked.applicant)

    response = client.post(ask_url(asked), {"bursary_statement": "Another try"}, follow=True)

    assert "cannot ask for a bursary" in response.content.decode()
    assert saved(asked).bursary_statement == STATEMENT


def test_someone_else_posting_to_the_applicants_bursary_page_finds_nothing(client, applied):
    client.force_login(UserFactory(with_profile=True))

    assert client.post(ask_url(applied), {"bursary_statement": STATEMENT}).status_code == 404
    assert saved(applied).bursary_state == ""


def test_the_academy_reads_the_statement_and_awards(client, admin, asked):
    client.force_login(admin)
    page = client.get(reverse("enrolment:academy_application", args=[asked.pk])).content.decode()
    assert STATEMENT in page
    assert decide_url(asked) in page

    response = client.post(decide_url(asked), {"award": "yes"})

    assert response.status_code == 302
    assert (saved(asked).bursary_state, saved(asked).bursary_awarded) == (BursaryState.AWARDED, Decimal("500"))
    client.force_login(asked.applicant)
    page = client.get(reverse("enrolment:application_detail", args=[asked.pk])).content.decode()
    assert "awarded a bursary of £500.00" in page


def test_an_award_beyond_the_budget_posted_straight_is_refused_with_a_message(client, admin, offering, asked):
    Cohort.objects.filter(pk=offering.pk).update(bursary_budget=Decimal("400"))
    client.force_login(admin)

    response = client.post(decide_url(asked), {"award": "yes"}, follow=True)

    assert "£400.00 left" in response.content.decode()
    assert saved(asked).bursary_state == BursaryState.REQUESTED


@pytest.mark.parametrize("posted", [{}, {"award": "maybe"}])
def test_a_bad_decision_posted_straight_is_refused_with_a_message(client, admin, asked, posted):
    client.force_login(admin)

    response = client.post(decide_url(asked), posted, follow=True)

    assert response.redirect_chain[-1][0] == reverse("enrolment:academy_application", args=[asked.pk])
    assert "Choose whether you award the bursary" in response.content.decode()
    assert saved(asked).bursary_state == BursaryState.REQUESTED


def test_deciding_twice_is_refused_with_a_message(client, admin, asked):
    client.force_login(admin)
    client.post(decide_url(asked), {"award": "no"})

    response = client.post(decide_url(asked), {"award": "yes"}, follow=True)

    assert "no bursary request waiting" in response.content.decode()
    assert saved(asked).bursary_state == BursaryState.REFUSED


def test_the_wrong_people_posting_a_decision_change_nothing(client, asked):
    other_admin = AcademyAdminFactory(academy=AcademyFactory(local_partner=True)).user
    client.force_login(other_admin)
    assert client.post(decide_url(asked), {"award": "yes"}).status_code == 404
    assert client.get(reverse("enrolment:academy_application", args=[asked.pk])).status_code == 404

    client.force_login(asked.applicant)
    assert client.post(decide_url(asked), {"award": "yes"}).status_code == 403
    assert saved(asked).bursary_state == BursaryState.REQUESTED
