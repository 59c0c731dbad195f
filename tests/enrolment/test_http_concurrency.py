"""200 requests at once through gunicorn on a 20-place cohort: applicants accept and decline offers, others apply
or try to accept an offer they never had, while the academy admin offers places in bulk. Places held (accepted
plus outstanding offers) never pass 20 and are exactly 20 once the admin has offered the freed places; every answer
is a redirect, to the confirmation page or with the message that tells the person what happened: no 5xx.

tests/enrolment/test_concurrency.py proves the same of the services with threads; this proves it of the whole
stack (gunicorn's worker processes, sessions, CSRF, views) as production runs it."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.urls import reverse

from enrolment.models import PLACE_HOLDING, Application, Status
from enrolment.services.applications import application_save_answers, application_start
from tests.academies.factories import AcademyAdminFactory
from tests.enrolment.factories import ApplicationFactory, CohortFactory
from tests.portal.factories import OrganisationFactory, ProfessionFactory, UserFactory
from tests.support.servers import gunicorn, session_cookie

pytestmark = pytest.mark.django_db(transaction=True)

CAPACITY = 20
ACCEPTING, DECLINING = 15, 5  # the 20 applicants offered a place
BULK_OFFERS, BULK_SIZE = 30, 6  # the academy admin's requests, on overlapping batches of applicants
UNDER_REVIEW = 180
NO_OFFER_ACCEPTING = SUBMITTING = APPLYING = 50
REQUESTS = ACCEPTING + DECLINING + BULK_OFFERS + NO_OFFER_ACCEPTING + SUBMITTING + APPLYING


def test_two_hundred_requests_at_once_hold_exactly_twenty_places_and_none_fails(tmp_path):
    assert REQUESTS == 200
    cohort = CohortFactory(capacity=CAPACITY, programme__line_manager_support_required=False)
    profile = {"profile__organisation": OrganisationFactory(), "profile__profession": ProfessionFactory()}

    def staff():
        return UserFactory(with_profile=True, **profile)

    offered = [ApplicationFactory(cohort=cohort, offered=True, applicant=staff()) for _ in range(CAPACITY)]
    reviewing = [ApplicationFactory(cohort=cohort, under_review=True, applicant=staff()) for _ in range(UNDER_REVIEW)]
    drafts = [application_start(applicant=staff(), programme=cohort.programme) for _ in range(SUBMITTING)]
    for draft in drafts:  # answered page by page before; the submissions race
        application_save_answers(
            application_id=draft.pk, applicant=draft.applicant,
            changes={"cohort": cohort, "supporting_statement": "I want to lead my team."},
        )
    newcomers = [staff() for _ in range(APPLYING)]
    admin = AcademyAdminFactory(academy=cohort.academy).user

    def answer(application, action):
        path = reverse(f"enrolment:{action}", args=[application.pk])
        return "POST", path, session_cookie(application.applicant), {"confirm": "yes"}

    def bulk_offer(ids):
        form = {"applications": ids, "decision": "offer", "cohort": cohort.pk}
        return "POST", reverse("enrolment:academy_applications"), admin_session, form

    admin_session = session_cookie(admin)
    told = [answer(a, "offer_accept") for a in offered[:ACCEPTING]]
    told += [answer(a, "offer_decline") for a in offered[ACCEPTING:]]
    told += [answer(a, "offer_accept") for a in reviewing[:NO_OFFER_ACCEPTING]]
    told += [bulk_offer([a.pk for a in reviewing[2 * i : 2 * i + BULK_SIZE]]) for i in range(BULK_OFFERS)]
    told += [
        ("POST", reverse("enrolment:application_check", args=[d.pk]), session_cookie(d.applicant), {})
        for d in drafts
    ]
    applying = [
        ("POST", reverse("enrolment:apply", args=[cohort.programme.slug]), session_cookie(user), {})
        for user in newcomers
    ]

    with gunicorn(tmp_path, workers=4, threads=8) as server:
        start = threading.Barrier(REQUESTS, timeout=60)

        def send(request):
            method, path, session, form = request
            start.wait()
            return server.request(method, path, session=session, form=form)

        with ThreadPoolExecutor(max_workers=REQUESTS) as pool:
            responses = list(pool.map(send, told + applying, timeout=120))

        statuses = sorted({response.status for response in responses})
        assert statuses == [302], f"every request answered with a redirect, got {statuses}:\n{server.log()[-3000:]}"
        told_responses = responses[: len(told)]
        assert all(
            "messages" in response.cookies_set() or response.headers["Location"].endswith("/confirmation/")
            for response in told_responses
        ), "each is told the outcome: a message, or the confirmation page"

        held = Application.objects.filter(cohort=cohort, status__in=PLACE_HOLDING)
        assert held.count() <= CAPACITY
        # The declines freed places that the admin's offers may not have reached yet: one more bulk offer fills them.
        # Only applications under review from the start are offered: the drafts just submitted must stay so.
        waiting = Application.objects.filter(pk__in=[a.pk for a in reviewing], status=Status.UNDER_REVIEW)
        first_waiting = waiting.order_by("pk").values_list("pk", flat=True)[: 2 * DECLINING]
        method, path, session, form = bulk_offer(list(first_waiting))
        assert server.request(method, path, session=session, form=form).status == 302

    assert held.count() == CAPACITY
    assert statuses_of(offered[ACCEPTING:]) == {Status.DECLINED}
    assert statuses_of(offered[:ACCEPTING]) <= {Status.ACCEPTED, Status.OFFERED}  # OFFERED if told to try again
    assert statuses_of(drafts) == {Status.UNDER_REVIEW}
    assert Application.objects.filter(applicant__in=newcomers, status=Status.DRAFT).count() == APPLYING


def statuses_of(applications) -> set[str]:
    return set(Application.objects.filter(pk__in=[a.pk for a in applications]).values_list("status", flat=True))
