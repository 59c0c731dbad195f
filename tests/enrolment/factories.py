"""Factories for cohorts, dated from today so tests never go stale as the calendar moves on."""

import time
from datetime import timedelta

import factory
from django.urls import reverse
from django.utils import timezone
from factory.django import DjangoModelFactory

from enrolment.models import Application, ApplicationQuestion, Cohort
from tests.portal.factories import UserFactory
from tests.programmes.factories import ProgrammeFactory


class CohortFactory(DjangoModelFactory):
    """A future cohort whose application window is open now.

    Move the window with the day offsets (`opens_in_days=3`) or the traits `opens_later` and `closed`.
    """

    class Meta:
        model = Cohort

    class Params:
        opens_in_days = -1
        closes_in_days = 30
        starts_in_days = 60
        lasts_days = 180
        opens_later = factory.Trait(opens_in_days=14, closes_in_days=45)
        closed = factory.Trait(opens_in_days=-45, closes_in_days=-1)

    programme = factory.SubFactory(ProgrammeFactory)
    academy = factory.SelfAttribute("programme.provider")
    name = factory.Sequence(lambda n: f"Test cohort {n}")
    starts_on = factory.LazyAttribute(lambda c: timezone.localdate() + timedelta(days=c.starts_in_days))
    ends_on = factory.LazyAttribute(lambda c: c.starts_on + timedelta(days=c.lasts_days))
    venue = "Test Education Centre"
    capacity = 20
    applications_open_at = factory.LazyAttribute(lambda c: timezone.now() + timedelta(days=c.opens_in_days))
    applications_close_at = factory.LazyAttribute(lambda c: timezone.now() + timedelta(days=c.closes_in_days))


class ApplicationFactory(DjangoModelFactory):
    """An application in any state, set directly so a test can start from where it needs to.

    Traits: under_review, waitlisted, offered, accepted (each with the timestamps that state carries).
    """

    class Meta:
        model = Application

    class Params:
        under_review = factory.Trait(status=Application.Status.UNDER_REVIEW)
        waitlisted = factory.Trait(
            status=Application.Status.WAITLISTED, waitlisted_at=factory.LazyFunction(timezone.now)
        )
        offered = factory.Trait(
            status=Application.Status.OFFERED,
            offered_at=factory.LazyFunction(timezone.now),
            offer_expires_at=factory.LazyFunction(lambda: timezone.now() + timedelta(days=7)),
        )
        accepted = factory.Trait(
            status=Application.Status.ACCEPTED,
            offered_at=factory.LazyFunction(timezone.now),
            offer_expires_at=factory.LazyFunction(lambda: timezone.now() + timedelta(days=7)),
        )

    applicant = factory.SubFactory(UserFactory, with_profile=True)
    cohort = factory.SubFactory(CohortFactory)
    programme = factory.SelfAttribute("cohort.programme")
    supporting_statement = "I lead a ward team and want to lead it better."
    submitted_at = factory.LazyFunction(timezone.now)


class ApplicationQuestionFactory(DjangoModelFactory):
    """A question of the programme's own; an application answers it with `answers={str(question.pk): "..."}`."""

    class Meta:
        model = ApplicationQuestion

    programme = factory.SubFactory(ProgrammeFactory)
    prompt = factory.Sequence(lambda n: f"Test question {n}?")
    position = factory.Sequence(lambda n: n)


def cohort_form(academy, programme, **changes) -> dict:
    """What the workspace's "Create a cohort" form posts: a cohort starting in 60 days whose window is open from
    today until two weeks before the start. `changes` replaces any field."""
    start = timezone.localdate() + timedelta(days=60)
    return {
        "academy": academy.pk,
        "programme": programme.pk,
        "name": "Autumn cohort",
        "starts_on": start.isoformat(),
        "ends_on": (start + timedelta(days=180)).isoformat(),
        "venue": "Education centre",
        "capacity": "24",
        "applications_open_at": f"{timezone.localdate().isoformat()}T09:00",
        "applications_close_at": f"{(start - timedelta(days=14)).isoformat()}T17:00",
        "offer_days": "7",
        **changes,
    }


PAGE_OF_FIELD = {
    "where": "cohort",
    "profession": "your-job",
    "grade": "your-job",
    "job_title": "your-job",
    "line_manager_email": "line-manager",
    "supporting_statement": "statement",
    "positive_action_declaration": "questions",
}


def answer_pages(client, application, answers: dict) -> list:
    """Posts `answers` (form fields) to the application's pages that ask them, a page at a time in the pages' order,
    as the applicant's browser would; returns each page's response."""
    by_page = {}
    for field, value in answers.items():
        page = "questions" if field.startswith("question_") else PAGE_OF_FIELD[field]
        by_page.setdefault(page, {})[field] = value
    order = ["cohort", "your-job", "line-manager", "statement", "questions"]
    return [
        client.post(reverse("enrolment:application_page", args=[application.pk, page]), by_page[page])
        for page in order
        if page in by_page
    ]


def submit_answers(client, application, answers: dict, **kwargs):
    """Answers the pages, then submits from "Check your answers"; returns the check page's response."""
    answer_pages(client, application, answers)
    return client.post(reverse("enrolment:application_check", args=[application.pk]), **kwargs)


def submit_through_the_form(client, application) -> tuple[int, str, float]:
    """Submits the draft through its pages, as the applicant's browser would; returns the status, page and time."""
    started = time.monotonic()
    answers = {
        "where": f"cohort:{application.programme.cohorts.get().pk}",
        "line_manager_email": f"manager.of.{application.pk}@example.nhs.test",
        "supporting_statement": "I lead a ward team and want to lead it better.",
    }
    response = submit_answers(client, application, answers, follow=True)
    return response.status_code, response.content.decode(), time.monotonic() - started
