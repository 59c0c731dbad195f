"""The small world the access matrix asks about: records of "staff", academy A and ICS X fill every URL's
parameters, so "other staff", another academy's admin and another ICS's lead show what an outsider gets;
and the portal's URLs, from the resolver, with their addresses in that world."""

from dataclasses import dataclass, field
from datetime import timedelta
from http.cookies import SimpleCookie

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from academies.api_tokens import academy_api_token_create
from academies.services import academy_invitation_send, academy_invitation_token
from enrolment.models import CohortSession, Nomination, PlaceAllocation, Status, WebhookDelivery, WebhookEndpoint
from enrolment.services import interest, open_access
from enrolment.services.calendar_feeds import calendar_feed_reset
from enrolment.services.funding import budget_holder_link_token
from enrolment.services.manager_support import manager_link_token
from portal.audit import audit_record
from portal.models import AuditEntry, EmailDelivery, ExternalIdentity
from programmes.models import Programme
from progression.links import follow_up_link_token
from reporting.models import ReportsRefresh
from selfassessment.models import model_dimensions
from tests.academies.factories import AcademyAdminFactory, AcademyFactory
from tests.coaching.factories import CoachingRequestFactory, CoachProfileFactory
from tests.enrolment.factories import ApplicationFactory, CohortFactory
from tests.evaluation.factories import EndedCohortFactory, FeedbackResponseFactory, participant_of
from tests.improvement.factories import ImprovementProjectFactory
from tests.portal.factories import (
    IcsLeadFactory,
    IntegratedCareSystemFactory,
    OrganisationFactory,
    RegionFactory,
    UserFactory,
)
from tests.programmes.factories import FrameworkFactory, FundedSchemeFactory, ProgrammeFactory
from tests.progression.factories import FollowUpFactory, completed_place
from tests.selfassessment.factories import assessment_taken, model_dimensions_made
from tests.support.access_matrix import ROLES

# --------------------------------------------------------------------------------------------------------------
# The world


@dataclass
class World:
    users: dict = field(default_factory=dict)
    parameters: dict = field(default_factory=dict)  # URL name -> its kwargs
    # URL name -> the kwargs of a record whose form is open (a draft project, a session that has begun), for the
    # generated-input test; the matrix asks with `parameters`, whose records show some forms closed.
    open_forms: dict = field(default_factory=dict)


def build_world() -> World:
    ics, other_ics = IntegratedCareSystemFactory(), IntegratedCareSystemFactory()
    region = RegionFactory()
    academy, other_academy = AcademyFactory(local_partner=True), AcademyFactory(local_partner=True)
    staff = UserFactory(with_profile=True, profile__organisation=OrganisationFactory(ics=ics))
    ics_lead = IcsLeadFactory(ics=ics)
    world = World(
        users={
            "staff": staff,
            "other_staff": UserFactory(with_profile=True),
            "academy_admin": AcademyAdminFactory(academy=academy).user,
            "other_academy_admin": AcademyAdminFactory(academy=other_academy).user,
            "ics_lead": ics_lead.user,
            "other_ics_lead": IcsLeadFactory(ics=other_ics).user,
            "national_admin": UserFactory(national_admin=True),
        }
    )
    programme = ProgrammeFactory(provider=academy)
    cohort = CohortFactory(programme=programme, academy=academy, region=region)
    application = ApplicationFactory(applicant=staff, cohort=cohort, offered=True)
    awaiting_manager = ApplicationFactory(
        applicant=staff,
        cohort=CohortFactory(programme=ProgrammeFactory(provider=academy), academy=academy),
        status=Status.AWAITING_MANAGER,
        line_manager_email="ward.manager@example.nhs.test",
        budget_holder_name="Bea Holder",
        budget_holder_email="budget.holder@example.nhs.test",
        budget_holder_requested_at=timezone.now(),
    )
    draft = ApplicationFactory(
        applicant=staff, cohort=CohortFactory(programme=ProgrammeFactory(provider=academy), academy=academy),
        status=Status.DRAFT, submitted_at=None,
    )
    session = CohortSession.objects.create(
        cohort=cohort, title="Workshop 1", starts_at=timezone.now() + timedelta(days=61),
        ends_at=timezone.now() + timedelta(days=61, hours=3),
    )
    learning = open_access.enrolment_start(learner=staff, programme=ProgrammeFactory(open_access=True))
    finished = open_access.enrolment_start(learner=staff, programme=ProgrammeFactory(open_access=True))
    certificate = open_access.enrolment_complete(enrolment_id=finished.pk, learner=staff, cpd_hours=7)
    audit_record(action=AuditEntry.Action.DATA_EXPORTED, actor=staff, target=cohort, summary="roster")
    coaching_request = CoachingRequestFactory(mentee=staff, coach=CoachProfileFactory(academy=academy))
    pending_coach = CoachProfileFactory(academy=academy, pending=True)
    place, project_place = (
        ApplicationFactory(
            applicant=staff, accepted=True, cohort=CohortFactory(programme=ProgrammeFactory(provider=academy))
        )
        for _ in range(2)
    )
    project = ImprovementProjectFactory(application=project_place, submitted=True)
    public_project = ImprovementProjectFactory(application__cohort=place.cohort, public=True)
    follow_up = FollowUpFactory(application=completed_place(months_ago=6, applicant=staff))
    model_dimensions_made()  # and the coaches' test dimensions: the assessment rates every one
    self_assessment = assessment_taken(staff, list(model_dimensions()), 2)
    ended = participant_of(EndedCohortFactory(programme=ProgrammeFactory(provider=academy)), applicant=staff).cohort
    FeedbackResponseFactory(cohort=ended)
    Group.objects.create(name="Test group")
    EmailDelivery.objects.create(key="access-matrix", to="someone@example.nhs.test")
    ExternalIdentity.objects.create(user=staff, issuer="https://login.example.test", subject="access-matrix")
    ReportsRefresh.objects.get_or_create(pk=1)
    login = {"user_agent": "test", "ip_address": "127.0.0.1", "username": staff.email, "http_accept": "*/*",
             "path_info": "/login/"}
    AccessAttempt.objects.create(**login, get_data="", post_data="", failures_since_start=1)
    AccessFailureLog.objects.create(**login)
    AccessLog.objects.create(**login)
    FrameworkFactory()
    FundedSchemeFactory()
    staff_interest = interest.interest_register(programme=programme, region=None, user=staff)
    by_email = interest.interest_register(programme=programme, region=None, email="waiting@example.nhs.test")

    invitation = academy_invitation_send(
        actor=world.users["academy_admin"], academy=academy, email="invitee@example.nhs.test"
    )
    api_token = academy_api_token_create(
        actor=world.users["academy_admin"], academy_id=academy.pk, name="HR system", scope="read-write",
        expires_in_days=90,
    )
    allocation = PlaceAllocation.objects.create(cohort=cohort, ics=ics, places=2)
    nomination = Nomination.objects.create(
        allocation=allocation, cohort=cohort, email=staff.email, nominated_by=ics_lead.user
    )
    endpoint = WebhookEndpoint.objects.create(
        academy=academy, url="https://hooks.example.test/", events=["cohort.changed"]
    )
    delivery = WebhookDelivery.objects.create(endpoint=endpoint, event_type="cohort.changed", payload={})
    own = {"pk": application.pk}
    world.open_forms = open_forms_of(staff, academy)
    world.parameters = {
        "password_reset_confirm": {"uidb64": "MQ", "token": "set-password"},
        "sso_start": {"provider": "nhsmail"},
        "sso_callback": {"provider": "nhsmail"},
        "programmes:detail": {"slug": programme.slug},
        "api:programme": {"slug": programme.slug},
        "api:academy": {"slug": academy.slug},
        "programmes:cohorts": {"slug": programme.slug},
        "programmes:cohort_calendar": {"slug": programme.slug, "pk": cohort.pk},
        "academies:detail": {"slug": academy.slug},
        "academies:cohorts": {"slug": academy.slug},
        "coaching:coach_detail": {"pk": pending_coach.pk},
        **{
            f"coaching:{name}": {"pk": coaching_request.pk}
            for name in ("request_detail", "request_accept", "request_decline", "request_withdraw", "request_close",
                         "session_log")
        },
        "coaching:profile_decision": {"pk": pending_coach.pk},
        "improvement:public_project": {"pk": public_project.pk},
        "improvement:project_create": {"application_pk": place.pk},
        **{
            f"improvement:{name}": {"pk": project.pk}
            for name in ("project_detail", "project_edit", "consent", "project_submit", "project_withdraw", "review")
        },
        "progression:answer": {"token": follow_up_link_token(follow_up)},
        "progression:confirm": {"token": follow_up_link_token(follow_up)},
        "progression:change": {"pk": follow_up.pk},
        "selfassessment:detail": {"pk": self_assessment.pk},
        **{f"evaluation:{name}": {"cohort_pk": ended.pk} for name in ("answer", "cohort_feedback")},
        "enrolment:apply": {"slug": programme.slug},
        "enrolment:enrol": {"slug": learning.programme.slug},
        "enrolment:application_page": {"pk": draft.pk, "page": "statement"},
        "enrolment:application_check": {"pk": draft.pk},
        **{
            f"enrolment:{name}": own
            for name in ("application_detail", "application_withdraw", "offer_accept", "offer_decline",
                         "application_budget_holder", "application_bursary", "academy_application_bursary",
                         "academy_application", "application_confirmation")
        },
        "enrolment:enrolment_complete": {"pk": learning.pk},
        "enrolment:certificate": {"code": certificate.code},
        "enrolment:manager_support": {"token": manager_link_token(awaiting_manager)},
        "enrolment:budget_holder": {"token": budget_holder_link_token(awaiting_manager)},
        "enrolment:interest_register": {"slug": programme.slug},
        "enrolment:interest_confirm": {"token": interest.interest_confirm_token(by_email, None)},
        "enrolment:interest_unsubscribe": {"token": interest.interest_unsubscribe_token(staff_interest)},
        "enrolment:interest_withdraw": {"pk": staff_interest.pk},
        "enrolment:calendar_feed": {"token": calendar_feed_reset(person=staff).token},
        **{
            f"enrolment:{name}": {"pk": cohort.pk}
            for name in ("workspace_cohort", "workspace_cohort_edit", "workspace_cohort_cancel",
                         "workspace_sessions_generate", "workspace_outcomes", "workspace_allocations",
                         "workspace_ring_fence", "workspace_release_date")
        },
        "enrolment:workspace_session_create": {"cohort_pk": cohort.pk},
        **{f"enrolment:{name}": {"pk": endpoint.pk} for name in ("workspace_webhook", "workspace_webhook_delete")},
        "enrolment:workspace_webhook_resend": {"pk": delivery.pk},
        "enrolment:nominate": {"pk": allocation.pk},
        "enrolment:nomination": {"pk": nomination.pk},
        "enrolment:workspace_export": {"pk": cohort.pk, "kind": "roster"},
        **{
            f"enrolment:{name}": {"pk": session.pk}
            for name in ("workspace_session_edit", "workspace_session_delete", "workspace_attendance")
        },
        "roles:grant": {"kind": "ics-leads"},
        "roles:revoke": {"kind": "ics-leads", "pk": ics_lead.pk},
        "roles:invitation": {"token": academy_invitation_token(invitation)},
        "roles:api_token_revoke": {"pk": api_token.token.pk},
        "api:academy_application": own,
        "api:academy_application_decision": own,
        "api:academy_webhook_delivery_resend": {"pk": delivery.pk},
        "api:academy_session_attendance": {"pk": session.pk},
        "api:academy_cohort_outcomes": {"pk": cohort.pk},
        **{
            f"api:{name}": {"pk": cohort.pk}
            for name in (
                "academy_cohort", "academy_cohort_cancel", "academy_cohort_sessions", "academy_sessions_generate"
            )
        },
        "api:academy_session": {"pk": session.pk},
        "reporting:ics_dashboard": {"slug": ics.slug},
        "reporting:ics_export": {"slug": ics.slug, "table": "programmes"},
        "reporting:national_export": {"table": "regions"},
        "reporting:ics_funnel": {"slug": ics.slug},
        "reporting:ics_funnel_export": {"slug": ics.slug, "table": "professions"},
        "reporting:national_funnel_export": {"table": "regions"},
        "admin:auth_user_password_change": {"id": staff.pk},
    }
    return world


def open_forms_of(staff, academy) -> dict:
    """Records whose forms are open to "staff" and academy A: a draft project and an approved one (its consent and
    withdrawal), an active coaching relationship, a cohort that has started with a participant and a session that
    has begun."""
    draft_project, approved_project = (
        ImprovementProjectFactory(
            application=ApplicationFactory(
                applicant=staff, accepted=True, cohort=CohortFactory(programme=ProgrammeFactory(provider=academy))
            ),
            approved=approved,
        )
        for approved in (False, True)
    )
    active = CoachingRequestFactory(mentee=staff, coach=CoachProfileFactory(academy=academy), accepted=True)
    started = CohortFactory(
        programme=ProgrammeFactory(provider=academy), academy=academy, closed=True, starts_in_days=-7
    )
    ApplicationFactory(cohort=started, accepted=True)
    begun = CohortSession.objects.create(
        cohort=started, title="Workshop begun", starts_at=timezone.now() - timedelta(hours=1),
        ends_at=timezone.now() + timedelta(hours=2),
    )
    return {
        **{f"improvement:{name}": {"pk": draft_project.pk} for name in ("project_edit", "project_submit")},
        **{
            f"improvement:{name}": {"pk": approved_project.pk}
            for name in ("project_detail", "consent", "project_withdraw")
        },
        **{f"coaching:{name}": {"pk": active.pk} for name in ("request_detail", "session_log")},
        "enrolment:workspace_outcomes": {"pk": started.pk},
        "enrolment:workspace_attendance": {"pk": begun.pk},
    }


# --------------------------------------------------------------------------------------------------------------
# The URLs


@dataclass(frozen=True)
class Url:
    key: str  # the matrix row: the URL's name, or for the Django admin's model views "admin:model:<view>"
    pattern: URLPattern
    route: str
    model_admin: admin.ModelAdmin | None = None


def portal_urls(patterns=None, prefix="", namespace="") -> list[Url]:
    urls = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}:{pattern.namespace}".strip(":") if pattern.namespace else namespace
            urls += portal_urls(pattern.url_patterns, prefix + str(pattern.pattern), inner)
            continue
        name = f"{namespace}:{pattern.name}".strip(":") if pattern.name else ""
        model_admin = getattr(pattern.callback, "model_admin", None)
        if model_admin:
            opts = model_admin.model._meta
            view = name.removeprefix(f"admin:{opts.app_label}_{opts.model_name}_") if name else "object_redirect"
            name = f"admin:model:{view}"
        elif not name and namespace == "admin":
            name = "admin:catch_all"
        urls.append(Url(name, pattern, prefix + str(pattern.pattern), model_admin))
    return urls


def address(url: Url, world: World, open_forms: bool = False) -> str:
    """The URL with its parameters filled from the world (with `open_forms`, from the records whose forms are
    open, where the world has one)."""
    if url.model_admin:
        obj = url.model_admin.model._default_manager.first()
        assert obj is not None, f"the world has no {url.model_admin.model.__name__} for {url.route}: add one"
        opts = url.model_admin.model._meta
        if url.key == "admin:model:object_redirect":
            return f"/admin/{opts.app_label}/{opts.model_name}/{obj.pk}/"
        kwargs = {key: obj.pk for key in url.pattern.pattern.converters}
        return reverse(f"admin:{url.pattern.name}", kwargs=kwargs)
    if url.key == "admin:catch_all":
        return "/admin/nothing-here/"
    if url.key == "admin:app_list":
        return reverse("admin:app_list", kwargs={"app_label": "portal"})
    if url.key == "admin:view_on_site":
        programme = Programme.objects.first()
        content_type = ContentType.objects.get_for_model(programme)
        return reverse("admin:view_on_site", kwargs={"content_type_id": content_type.pk, "object_id": programme.pk})
    if url.pattern.pattern.regex.groupindex:
        assert url.key in world.parameters, f"no parameters for {url.key} ({url.route}): add them to build_world"
        chosen = world.open_forms if open_forms and url.key in world.open_forms else world.parameters
        return reverse(url.key, kwargs=chosen[url.key])
    return reverse(url.key)


# --------------------------------------------------------------------------------------------------------------
# Asking


def code_of(response) -> str:
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith(("/login/?next=", "/admin/login/?next=")):
            return "login"
        return "302"
    return str(response.status_code)


def ask(client: Client, method: str, path: str) -> str:
    """One request in a savepoint rolled back after it, with the client's cookies as they were before."""
    cookies = SimpleCookie(client.cookies)
    with transaction.atomic():
        response = client.get(path) if method == "GET" else client.post(path)
        transaction.set_rollback(True)
    client.cookies = cookies
    return code_of(response)


def clients_for(world: World) -> dict[str, Client]:
    """A client per role; a view's error is a 500 in the table, not an exception that stops the walk."""
    clients = {role: Client(raise_request_exception=False) for role in ROLES}
    for role, user in world.users.items():
        clients[role].force_login(user)
    return clients
