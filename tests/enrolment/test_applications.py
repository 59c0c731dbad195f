from datetime import timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from enrolment.models import Application, ApplicationQuestion, Cohort, EnrolmentError, Status
from enrolment.services.applications import (
    ApplicationDetails,
    IncompleteApplication,
    application_save_answers,
    application_start,
    application_submit,
    application_withdraw,
)
from portal.models import OutboxMessage
from tests.enrolment.factories import ApplicationFactory, CohortFactory, answer_pages
from tests.portal.factories import UserFactory
from tests.programmes.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort():
    programme = ProgrammeFactory(line_manager_support_required=False)
    return CohortFactory(programme=programme, capacity=2)


@pytest.fixture
def staff():
    return UserFactory(with_profile=True)


def complete(cohort, **changes) -> ApplicationDetails:
    values = {"cohort": cohort, "supporting_statement": "I want to lead my team well.", **changes}
    return ApplicationDetails(**values)


def test_starting_an_application_makes_a_draft_prefilled_from_the_profile(cohort, staff):
    application = application_start(applicant=staff, programme=cohort.programme)

    assert application.status == Status.DRAFT
    assert application.organisation == staff.profile.organisation
    assert application.grade == staff.profile.grade
    assert application.line_manager_email == staff.profile.line_manager_email


def test_starting_twice_returns_the_same_draft(cohort, staff):
    first = application_start(applicant=staff, programme=cohort.programme)
    second = application_start(applicant=staff, programme=cohort.programme)

    assert first == second
    assert Application.objects.count() == 1


def test_the_database_allows_one_active_application_per_person_per_programme(cohort, staff):
    ApplicationFactory(applicant=staff, cohort=cohort, under_review=True)

    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.create(applicant=staff, programme=cohort.programme, cohort=cohort)


def test_a_closed_application_does_not_stop_a_new_one(cohort, staff):
    ApplicationFactory(applicant=staff, cohort=cohort, status=Status.WITHDRAWN)

    assert application_start(applicant=staff, programme=cohort.programme).status == Status.DRAFT


def test_an_open_access_programme_takes_no_applications(staff):
    with pytest.raises(EnrolmentError):
        application_start(applicant=staff, programme=ProgrammeFactory(open_access=True))


def test_submitting_goes_to_the_academy_when_no_manager_support_is_needed(cohort, staff):
    draft = application_start(applicant=staff, programme=cohort.programme)

    application = application_submit(application_id=draft.pk, applicant=staff, details=complete(cohort))

    assert application.status == Status.UNDER_REVIEW
    assert application.submitted_at is not None
    assert list(application.events.values_list("from_status", "to_status")) == [(Status.DRAFT, Status.UNDER_REVIEW)]


def test_submitting_asks_the_line_manager_when_the_cohort_needs_their_support(cohort, staff):
    cohort.line_manager_support_required = True
    cohort.save()
    draft = application_start(applicant=staff, programme=cohort.programme)

    application = application_submit(
        application_id=draft.pk, applicant=staff, details=complete(cohort, line_manager_email="boss@example.nhs.test")
    )

    assert application.status == Status.AWAITING_MANAGER
    assert application.manager_requested_at is not None


def test_an_incomplete_application_is_refused_with_each_problem_and_stays_a_draft(cohort, staff):
    cohort.line_manager_support_required = True
    cohort.save()
    programme = cohort.programme
    programme.positive_action_note = "For Black, Asian and minority ethnic staff, by your own declaration."
    programme.save()
    question = ApplicationQuestion.objects.create(programme=programme, prompt="What will you change?")
    draft = application_start(applicant=staff, programme=programme)

    with pytest.raises(IncompleteApplication) as refused:
        application_submit(application_id=draft.pk, applicant=staff, details=ApplicationDetails())

    assert set(refused.value.problems) == {
        "where",
        "supporting_statement",
        f"question_{question.pk}",
        "positive_action_declaration",
        "line_manager_email",
    }
    assert Application.objects.get(pk=draft.pk).status == Status.DRAFT


def test_a_cohort_whose_window_has_closed_cannot_be_applied_to(staff):
    closed = CohortFactory(closed=True, programme=ProgrammeFactory(line_manager_support_required=False))
    draft = application_start(applicant=staff, programme=closed.programme, now=timezone.now() - timedelta(days=2))

    with pytest.raises(IncompleteApplication) as refused:
        application_submit(application_id=draft.pk, applicant=staff, details=complete(closed))

    assert "closed" in refused.value.problems["where"]


def test_a_cancelled_cohort_cannot_be_applied_to_while_its_window_is_open(staff):
    cancelled = CohortFactory(programme=ProgrammeFactory(line_manager_support_required=False))
    draft = application_start(applicant=staff, programme=cancelled.programme)
    Cohort.objects.filter(pk=cancelled.pk).update(status=Cohort.Status.CANCELLED)

    with pytest.raises(IncompleteApplication) as refused:
        application_submit(application_id=draft.pk, applicant=staff, details=complete(cancelled))

    assert "where" in refused.value.problems
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT


def test_any_cohort_in_a_region_can_be_chosen_when_one_is_open_there(cohort, staff):
    draft = application_start(applicant=staff, programme=cohort.programme)
    cohort.region = staff.profile.organisation.ics.region
    cohort.save()

    application = application_submit(
        application_id=draft.pk, applicant=staff, details=complete(None, region=cohort.region)
    )

    assert (application.status, application.cohort, application.region) == (Status.UNDER_REVIEW, None, cohort.region)


def test_a_submitted_application_can_no_longer_be_edited(cohort, staff):
    application = ApplicationFactory(applicant=staff, cohort=cohort, under_review=True)

    with pytest.raises(EnrolmentError):
        application_save_answers(application_id=application.pk, applicant=staff, changes={"cohort": cohort})


def test_submitting_twice_makes_one_submission(cohort, staff):
    draft = application_start(applicant=staff, programme=cohort.programme)
    application_submit(application_id=draft.pk, applicant=staff, details=complete(cohort))

    with pytest.raises(EnrolmentError):
        application_submit(application_id=draft.pk, applicant=staff, details=complete(cohort))

    assert Application.objects.get().events.count() == 1


def test_withdrawing_an_accepted_place_lets_the_waiting_list_move(cohort, staff, django_capture_on_commit_callbacks):
    application = ApplicationFactory(applicant=staff, cohort=cohort, accepted=True)

    with django_capture_on_commit_callbacks():
        application_withdraw(application_id=application.pk, applicant=staff, reason="Changed job")

    application.refresh_from_db()
    assert application.status == Status.WITHDRAWN
    # Each task goes through the outbox, published once the change commits; counting its rows leaves out
    # the other commit callbacks (the page cache's).
    assert OutboxMessage.objects.count() == 2, "one e-mail to the applicant and one run of the waiting list"


def test_someone_else_cannot_withdraw_my_application(cohort, staff):
    application = ApplicationFactory(applicant=staff, cohort=cohort, under_review=True)

    with pytest.raises(EnrolmentError):
        application_withdraw(application_id=application.pk, applicant=UserFactory())

    assert Application.objects.get(pk=application.pk).status == Status.UNDER_REVIEW


def test_the_application_pages_walk_from_apply_to_submitted(client, cohort, staff):
    client.force_login(staff)

    response = client.post(reverse("enrolment:apply", args=[cohort.programme.slug]))
    application = Application.objects.get()
    assert response.url == reverse("enrolment:application_page", args=[application.pk, "cohort"])
    answers = {"where": f"cohort:{cohort.pk}", "grade": "band_6", "supporting_statement": "Ready to lead."}

    answer_pages(client, application, answers)
    assert Application.objects.get().supporting_statement == "Ready to lead."

    response = client.post(reverse("enrolment:application_check", args=[application.pk]))
    assert response.url == reverse("enrolment:application_confirmation", args=[application.pk])
    assert Application.objects.get().status == Status.UNDER_REVIEW
    assert "Application submitted" in client.get(response.url).content.decode()


def test_submitting_an_incomplete_draft_lists_what_is_missing_linked_to_its_page(client, cohort, staff):
    client.force_login(staff)
    client.post(reverse("enrolment:apply", args=[cohort.programme.slug]))
    application = Application.objects.get()

    response = client.post(reverse("enrolment:application_check", args=[application.pk]), {"submit": ""})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Choose a cohort, or any cohort in a region" in html
    assert "Write your supporting statement" in html
    assert reverse("enrolment:application_page", args=[application.pk, "statement"]) + "?check=1" in html
    assert Application.objects.get().status == Status.DRAFT


def test_an_over_long_statement_is_refused_by_the_server(client, cohort, staff):
    client.force_login(staff)
    client.post(reverse("enrolment:apply", args=[cohort.programme.slug]))
    application = Application.objects.get()

    response = client.post(
        reverse("enrolment:application_page", args=[application.pk, "statement"]),
        {"supporting_statement": "x" * 3100},
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert "Your supporting statement must be 3,000 characters or fewer" in page
    assert f"\n{'x' * 3100}</textarea>" in page  # kept in the box, not cut
    assert Application.objects.get().supporting_statement == ""


def test_a_double_clicked_apply_button_makes_one_application(client, cohort, staff):
    client.force_login(staff)
    url = reverse("enrolment:apply", args=[cohort.programme.slug])

    client.post(url)
    client.post(url)

    assert Application.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "method"),
    [
        ("enrolment:application_detail", "get"),
        ("enrolment:application_check", "get"),
        ("enrolment:application_check", "post"),
        ("enrolment:application_confirmation", "get"),
        ("enrolment:application_withdraw", "get"),
        ("enrolment:offer_decline", "get"),
        ("enrolment:application_withdraw", "post"),
        ("enrolment:offer_accept", "post"),
        ("enrolment:offer_decline", "post"),
    ],
)
def test_another_users_application_is_a_404_on_every_url(client, cohort, name, method):
    application = ApplicationFactory(cohort=cohort, offered=True)
    client.force_login(UserFactory())

    response = getattr(client, method)(reverse(name, args=[application.pk]))

    assert response.status_code == 404
    assert Application.objects.get(pk=application.pk).status == Status.OFFERED


def test_my_applications_needs_a_login(client):
    response = client.get(reverse("enrolment:applications"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_my_applications_counts_no_waiting_list_when_none_of_them_is_waitlisted(client, staff):
    for _ in range(5):
        ApplicationFactory(applicant=staff, cohort=CohortFactory(), under_review=True)
    client.force_login(staff)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("enrolment:applications"))

    assert response.status_code == 200 and response.content.decode().count("nhsuk-table__row") == 5
    counting = [query["sql"] for query in queries if "COUNT(" in query["sql"] and "waitlisted_at" in query["sql"]]
    assert counting == []


def test_the_detail_of_a_waitlisted_application_gives_its_position(client, cohort, staff):
    cohort.capacity = 1
    cohort.save()
    ApplicationFactory(cohort=cohort, waitlisted=True, waitlisted_at=timezone.now() - timedelta(hours=1))
    mine = ApplicationFactory(applicant=staff, cohort=cohort, waitlisted=True)
    client.force_login(staff)

    html = client.get(reverse("enrolment:application_detail", args=[mine.pk])).content.decode()

    assert "You are number 2 on the waiting list" in html


def test_my_applications_shows_waiting_list_positions_in_a_fixed_number_of_queries(client, cohort, staff):
    cohort.capacity = 1
    cohort.save()
    earlier = timezone.now() - timedelta(hours=1)
    ApplicationFactory(cohort=cohort, waitlisted=True, waitlisted_at=earlier)
    ApplicationFactory(applicant=staff, cohort=cohort, waitlisted=True)
    client.force_login(staff)

    def queries_for_page() -> tuple[int, str]:
        with CaptureQueriesContext(connection) as queries:
            html = client.get(reverse("enrolment:applications")).content.decode()
        return len(queries), html

    queries_for_page()  # the signed-in user is now in the cache
    one, html = queries_for_page()
    assert "You are number 2 on the waiting list" in html

    for _ in range(9):
        ApplicationFactory(applicant=staff, cohort=CohortFactory(), under_review=True)
    ten, _ = queries_for_page()

    assert one == ten
