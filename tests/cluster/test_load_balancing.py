"""Two nodes behind HAProxy act as one portal: places are never overbooked by requests spread over both, a session
made on one works on the other (and ends on both), and a catalogue edit on one shows at once on both, past each
node's own copy of the cached page (enrolment/discovery/cache.py)."""

import re
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.urls import reverse

from enrolment.models import PLACE_HOLDING, Application, Status
from tests.academies.factories import AcademyAdminFactory
from tests.enrolment.factories import ApplicationFactory, CohortFactory
from tests.portal.factories import TEST_PASSWORD, OrganisationFactory, ProfessionFactory, UserFactory
from tests.support.html_forms import forms_of
from tests.support.servers import session_cookie

pytestmark = pytest.mark.django_db(transaction=True)

CAPACITY = 10
UNDER_REVIEW = 20


def requests_served(cluster, node: str) -> int:
    """Requests in the node's access log (gunicorn's, one line each)."""
    return len(re.findall(r'" \d{3} ', cluster.log(f"node-{node}")))


def test_concurrent_accepts_and_offers_spread_over_both_nodes_never_overbook(cluster):
    cohort = CohortFactory(capacity=CAPACITY, programme__line_manager_support_required=False)
    profile = {"profile__organisation": OrganisationFactory(), "profile__profession": ProfessionFactory()}

    def staff():
        return UserFactory(with_profile=True, **profile)

    offered = [ApplicationFactory(cohort=cohort, offered=True, applicant=staff()) for _ in range(CAPACITY)]
    reviewing = [ApplicationFactory(cohort=cohort, under_review=True, applicant=staff()) for _ in range(UNDER_REVIEW)]
    admin_session = session_cookie(AcademyAdminFactory(academy=cohort.academy).user)

    def answer(application, action):
        path = reverse(f"enrolment:{action}", args=[application.pk])
        return path, session_cookie(application.applicant), {"confirm": "yes"}

    told = [answer(a, "offer_accept") for a in offered[:7]] + [answer(a, "offer_decline") for a in offered[7:]]
    told += [answer(a, "offer_accept") for a in reviewing[:6]]  # no offer to accept
    told += [
        (reverse("enrolment:academy_applications"), admin_session,
         {"applications": [a.pk for a in reviewing[2 * i : 2 * i + 6]], "decision": "offer", "cohort": cohort.pk})
        for i in range(8)
    ]
    served_before = {node: requests_served(cluster, node) for node in "ab"}
    start = threading.Barrier(len(told), timeout=60)

    def send(request):
        path, session, form = request
        start.wait()
        return cluster.request("POST", path, session=session, form=form)

    with ThreadPoolExecutor(max_workers=len(told)) as pool:
        responses = list(pool.map(send, told, timeout=120))

    assert sorted({response.status for response in responses}) == [302], [r.body[:300] for r in responses]
    assert all(requests_served(cluster, node) > served_before[node] for node in "ab"), "both nodes took requests"
    held = Application.objects.filter(cohort=cohort, status__in=PLACE_HOLDING)
    assert held.count() <= CAPACITY
    assert Application.objects.filter(pk__in=[a.pk for a in offered[7:]], status=Status.DECLINED).count() == 3


def sign_in(cluster, node: str, user) -> str:
    response = cluster.request("POST", reverse("login"), node=node,
                               form={"username": user.email, "password": TEST_PASSWORD})
    assert response.status == 302, response.body[:2000]
    cookie = next(value for value in response.headers.get_all("Set-Cookie") if value.startswith("sessionid="))
    return cookie.split(";", 1)[0].removeprefix("sessionid=")


def test_a_session_made_on_one_node_works_on_the_other_and_ends_on_both(cluster):
    user = UserFactory(with_profile=True)
    page = reverse("reporting:equality_profile")  # for anyone signed in; a visitor is sent to log in
    assert cluster.request("GET", page, node="b").status == 302

    session = sign_in(cluster, "a", user)

    for node in "ba":
        response = cluster.request("GET", page, node=node, session=session)
        assert response.status == 200, f"node {node}"
    assert cluster.request("POST", reverse("logout"), node="b", session=session).status in (200, 302)
    for node in "ab":
        assert cluster.request("GET", page, node=node, session=session).status == 302, f"node {node}"


def test_a_catalogue_edit_on_one_node_shows_at_once_on_both(cluster):
    cohort = CohortFactory(venue="Old Town Hall")
    admin_session = session_cookie(AcademyAdminFactory(academy=cohort.academy).user)
    page = reverse("programmes:cohorts", args=[cohort.programme.slug])
    for node in "abab":  # cached: in Redis, and in each node's own copy
        response = cluster.request("GET", page, node=node)
        assert response.status == 200 and "Old Town Hall" in response.body

    edit = reverse("enrolment:workspace_cohort_edit", args=[cohort.pk])
    form = next(form for form in forms_of(cluster.request("GET", edit, node="a", session=admin_session).body)
                if form.method == "post" and "venue" in form.fields)
    changed = cluster.request("POST", edit, node="a", session=admin_session,
                              form=form.as_sent() | {"venue": "New Civic Centre"})
    assert changed.status == 302, changed.body[:3000]

    for node in "ba":
        response = cluster.request("GET", page, node=node)
        assert "New Civic Centre" in response.body and "Old Town Hall" not in response.body, f"node {node}"
