"""Done when of issue 19: an application goes from submission to an offer through the API alone. Staff submit on
the portal's pages; the academy's system learns of each only through the API (the signed application.submitted
webhook, and the applications changed since it last asked), reads each, and offers places to all of them at once:
exactly the cohort's capacity are offered, the rest refused with the service's own message, the cohort's places
ledger intact; an applicant accepts on the page and the API shows it."""

import json
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from enrolment.allocation_selectors import cohort_ledger
from enrolment.models import PLACE_HOLDING, Application, Status
from enrolment.services.decisions import CohortFull, application_offer
from enrolment.services.webhooks import webhook_endpoint_create
from enrolment.webhooks import WebhookEvent
from portal.models import AuditEntry
from tests.academies.factories import AcademyAdminFactory, AcademyFactory
from tests.api.test_academy_api import client_with, token_for
from tests.conftest import run_at_once
from tests.enrolment.factories import CohortFactory
from tests.enrolment.webhook_receiver import Receiver, apply_through_the_pages, valid_signature
from tests.portal.factories import UserFactory
from tests.programmes.factories import ProgrammeFactory

CAPACITY, APPLICANTS = 4, 10
TRY_AGAIN = "Try again in a few seconds."


@pytest.fixture
def receiver():
    with Receiver() as server:
        yield server


def learnt_from_the_webhook(receiver, secret) -> list[int]:
    """What the academy's system takes from the deliveries: each signed event once (by its id), and its application."""
    events = {}
    for headers, body in receiver.received:
        assert valid_signature(headers, body, secret)
        event = json.loads(body)
        assert headers["X-Portal-Event-Id"] == event["id"] and event["type"] == WebhookEvent.APPLICATION_SUBMITTED
        events[event["id"]] = event["data"]["application_id"]
    return sorted(events.values())


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("tasks_run_in_process")
def test_done_when_applications_submitted_on_the_pages_are_found_read_and_offered_through_the_api_alone(receiver):
    assert connection.vendor == "postgresql"
    admin = AcademyAdminFactory(academy=AcademyFactory(local_partner=True))
    programme = ProgrammeFactory(delivering_academies=[admin.academy], line_manager_support_required=False)
    cohort = CohortFactory(programme=programme, academy=admin.academy, capacity=CAPACITY)
    endpoint = webhook_endpoint_create(
        admin=admin.user, academy_id=admin.academy.pk, url=receiver.url, events=[WebhookEvent.APPLICATION_SUBMITTED]
    )
    created = token_for(admin)
    api = client_with(created.plain)
    since = timezone.now() - timedelta(seconds=1)

    staff = {}
    for _ in range(APPLICANTS):
        page = Client()
        application = apply_through_the_pages(page, UserFactory(with_profile=True), cohort)
        staff[application.pk] = page

    submitted = sorted(staff)
    assert learnt_from_the_webhook(receiver, endpoint.secret) == submitted
    changed = api.get(reverse("api:academy_applications"), {"changed_since": since.isoformat()}).json()
    assert sorted(row["id"] for row in changed["results"]) == submitted
    for pk in submitted:
        read = api.get(reverse("api:academy_application", args=[pk])).json()
        assert (read["status"], read["cohort"]) == (Status.UNDER_REVIEW, cohort.pk)

    answers = {}

    def offer(pk):
        """Offers a place, as the academy's system would: asked again when told the cohort is busy (a 503 with
        Retry-After, from portal.locking's lock timeout)."""
        url = reverse("api:academy_application_decision", args=[pk])
        answer = client_with(created.plain).post(url, {"decision": "offer"}, format="json")
        while answer.status_code == 503 and answer.json()["detail"].endswith(TRY_AGAIN):
            answer = client_with(created.plain).post(url, {"decision": "offer"}, format="json")
        answers[pk] = answer

    assert run_at_once(offer, submitted) == []

    offered = sorted(pk for pk, answer in answers.items() if answer.status_code == 200)
    refused = [answer for answer in answers.values() if answer.status_code != 200]
    assert len(offered) == CAPACITY and len(refused) == APPLICANTS - CAPACITY
    with pytest.raises(CohortFull) as full:  # what the service tells the academy's admin on the pages
        application_offer(application_id=refused_pk(answers), admin=admin.user)
    assert {(answer.status_code, answer.json()["detail"]) for answer in refused} == {(409, str(full.value))}
    held = Application.objects.filter(cohort=cohort, status__in=PLACE_HOLDING)
    assert sorted(held.values_list("pk", flat=True)) == offered
    ledger = cohort_ledger(cohort)
    assert (ledger.allocated, ledger.open_places, ledger.open_taken) == (0, CAPACITY, CAPACITY)
    decided = AuditEntry.objects.filter(action=AuditEntry.Action.APPLICATION_DECIDED)
    assert sorted(int(pk) for pk in decided.values_list("object_id", flat=True)) == offered
    assert set(decided.values_list("actor_label", flat=True)) == {created.token.label}

    accepting = offered[0]
    before_accepting = timezone.now()
    assert staff[accepting].post(reverse("enrolment:offer_accept", args=[accepting])).status_code == 302

    assert api.get(reverse("api:academy_application", args=[accepting])).json()["status"] == Status.ACCEPTED
    changed = api.get(reverse("api:academy_applications"), {"changed_since": before_accepting.isoformat()}).json()
    assert [(row["id"], row["status"]) for row in changed["results"]] == [(accepting, Status.ACCEPTED)]
    assert cohort_ledger(cohort).open_taken == CAPACITY


def refused_pk(answers) -> int:
    return next(pk for pk, answer in answers.items() if answer.status_code != 200)
