"""Every form that changes something refuses a POST without its CSRF token (403), and changes nothing.

Each POST is made as someone the view would otherwise let do it, so the 403 is the token's doing alone.
"""

from dataclasses import dataclass

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.authentication import SessionAuthentication

from coaching.models import CoachingRequest
from enrolment.models import Status
from enrolment.services.manager_support import manager_link_token
from tests.academies.factories import AcademyAdminFactory
from tests.coaching.factories import CoachingRequestFactory, CoachProfileFactory
from tests.enrolment.factories import ApplicationFactory, CohortFactory
from tests.portal.factories import TEST_PASSWORD, UserFactory
from tests.programmes.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


@dataclass
class World:
    staff: object
    academy_admin: object
    coach: object
    programme: object
    open_access: object
    cohort: object
    draft: object
    offered: object
    under_review: object
    awaiting_manager: object
    coaching_request: object
    pending_coach: object


@pytest.fixture
def world():
    staff = UserFactory(with_profile=True)
    cohort = CohortFactory()
    academy_admin = AcademyAdminFactory(academy=cohort.academy).user
    coaching_request = CoachingRequestFactory(mentee=staff)
    return World(
        staff=staff,
        academy_admin=academy_admin,
        coach=coaching_request.coach.user,
        programme=cohort.programme,
        open_access=ProgrammeFactory(open_access=True),
        cohort=cohort,
        draft=ApplicationFactory(applicant=staff, cohort=cohort, status=Status.DRAFT, submitted_at=None),
        offered=ApplicationFactory(applicant=staff, cohort=CohortFactory(), offered=True),
        under_review=ApplicationFactory(cohort=cohort, under_review=True),
        awaiting_manager=ApplicationFactory(cohort=cohort, status=Status.AWAITING_MANAGER),
        coaching_request=coaching_request,
        pending_coach=CoachProfileFactory(pending=True, academy=coaching_request.coach.academy),
    )


# (name, who posts: an attribute of World or None for anyone, the address) for every state-changing form.
FORMS = [
    ("registration", None, lambda w: reverse("register")),
    ("login", None, lambda w: reverse("login")),
    ("password reset", None, lambda w: reverse("password_reset")),
    ("logout", "staff", lambda w: reverse("logout")),
    ("profile", "staff", lambda w: reverse("profile")),
    ("erasure", "staff", lambda w: reverse("personal_data_erase")),
    ("equality answers", "staff", lambda w: reverse("reporting:equality_profile")),
    ("equality answers deleted", "staff", lambda w: reverse("reporting:equality_profile_delete")),
    ("apply", "staff", lambda w: reverse("enrolment:apply", args=[w.programme.slug])),
    ("enrol", "staff", lambda w: reverse("enrolment:enrol", args=[w.open_access.slug])),
    ("application page", "staff", lambda w: reverse("enrolment:application_page", args=[w.draft.pk, "statement"])),
    ("check your answers", "staff", lambda w: reverse("enrolment:application_check", args=[w.draft.pk])),
    ("withdraw", "staff", lambda w: reverse("enrolment:application_withdraw", args=[w.offered.pk])),
    ("accept", "staff", lambda w: reverse("enrolment:offer_accept", args=[w.offered.pk])),
    ("decline", "staff", lambda w: reverse("enrolment:offer_decline", args=[w.offered.pk])),
    ("manager support link", None, lambda w: reverse("enrolment:manager_support", args=[
        manager_link_token(w.awaiting_manager)])),
    ("academy decision", "academy_admin", lambda w: reverse("enrolment:academy_application", args=[
        w.under_review.pk])),
    ("academy bulk decision", "academy_admin", lambda w: reverse("enrolment:academy_applications")),
    ("cohort create", "academy_admin", lambda w: reverse("enrolment:workspace_cohort_create")),
    ("cohort edit", "academy_admin", lambda w: reverse("enrolment:workspace_cohort_edit", args=[w.cohort.pk])),
    ("cohort cancel", "academy_admin", lambda w: reverse("enrolment:workspace_cohort_cancel", args=[w.cohort.pk])),
    ("outcomes", "academy_admin", lambda w: reverse("enrolment:workspace_outcomes", args=[w.cohort.pk])),
    ("sessions generate", "academy_admin", lambda w: reverse("enrolment:workspace_sessions_generate", args=[
        w.cohort.pk])),
    ("session create", "academy_admin", lambda w: reverse("enrolment:workspace_session_create", args=[w.cohort.pk])),
    ("coaching request", "staff", lambda w: reverse("coaching:coach_detail", args=[w.coaching_request.coach_id])),
    ("coach profile", "staff", lambda w: reverse("coaching:profile_edit")),
    ("coaching request withdrawn", "staff", lambda w: reverse("coaching:request_withdraw", args=[
        w.coaching_request.pk])),
    ("coaching request accepted", "coach", lambda w: reverse("coaching:request_accept", args=[
        w.coaching_request.pk])),
    ("coach profile decision", "academy_admin", lambda w: reverse("coaching:profile_decision", args=[
        w.pending_coach.pk])),
    ("admin login", None, lambda w: "/admin/login/"),
]


@pytest.mark.parametrize(("name", "who", "address"), FORMS, ids=[form[0] for form in FORMS])
def test_a_post_without_the_csrf_token_is_refused(world, name, who, address):
    AcademyAdminFactory(user=world.academy_admin, academy=world.pending_coach.academy)
    client = Client(enforce_csrf_checks=True)
    if who:
        client.force_login(getattr(world, who))
    data = {"username": world.staff.email, "password": TEST_PASSWORD, "decision": "offer", "reason": "x"}

    response = client.post(address(world), data)

    assert response.status_code == 403, name
    assert "Your form could not be sent" in response.content.decode()


def test_the_refused_posts_changed_nothing(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.staff)
    client.post(reverse("enrolment:offer_accept", args=[world.offered.pk]))
    client.post(reverse("coaching:request_withdraw", args=[world.coaching_request.pk]))

    world.offered.refresh_from_db()
    world.coaching_request.refresh_from_db()
    assert world.offered.status == Status.OFFERED
    assert world.coaching_request.status == CoachingRequest.Status.REQUESTED


def test_the_same_post_with_its_token_goes_through(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.staff)
    page = client.get(reverse("enrolment:application_detail", args=[world.offered.pk]))

    response = client.post(
        reverse("enrolment:offer_accept", args=[world.offered.pk]), {"csrfmiddlewaretoken": page.context["csrf_token"]}
    )

    assert response.status_code == 302
    world.offered.refresh_from_db()
    assert world.offered.status == Status.ACCEPTED


def _views(resolver: URLResolver, prefix=""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _views(pattern, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern.callback


API_PREFIX = "api/v1/"


def test_no_view_is_exempt_from_the_csrf_check():
    """Except the partner API's, which Django REST framework exempts: they read no cookie (see the next test)."""
    exempt = [
        route
        for route, view in _views(get_resolver())
        if getattr(view, "csrf_exempt", False) and not route.startswith(API_PREFIX)
    ]

    assert exempt == []


# Pages of the portal, not API views, under the API's prefix: GET and HEAD only (tested below).
API_PAGES = {"api/v1/docs/"}


def test_no_api_view_signs_anyone_in_by_their_session_cookie():
    """A bearer token, or nothing: so a page on another site that makes the browser call the API carries nothing that
    acts for the person, and the API needs no CSRF token."""
    api_views = [(route, view) for route, view in _views(get_resolver()) if route.startswith(API_PREFIX)]
    by_session = [
        route
        for route, view in api_views
        if route not in API_PAGES
        and (
            getattr(view, "cls", None) is None
            or any(issubclass(auth, SessionAuthentication) for auth in view.cls.authentication_classes)
        )
    ]

    assert api_views
    assert by_session == []


@pytest.mark.django_db
def test_the_api_documentation_page_only_reads(client):
    """The one page of the portal under the API's prefix (its documentation) takes GET and HEAD alone, so a session
    cookie it reads (for the page's header) can change nothing."""
    for route in API_PAGES:
        assert client.post("/" + route).status_code == 405
        assert client.get("/" + route).status_code == 200
