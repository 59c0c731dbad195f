"""Who may open what: every URL of the portal, as each role, answered as the written matrix below says.

The URLs come from the resolver, so a new URL without a row fails the test until someone decides, in the matrix,
who may open it. One small world fills every URL's parameters with records of "staff" and of academy A, ICS X:
so "other staff", the admin of another academy and the lead of another ICS show what an outsider gets. Each
request runs in a savepoint that is rolled back, so a POST that succeeds changes nothing the next one sees.

Codes: 200, 400, 403, 404, 405, 410; "302", a redirect that is not to a login page; "login", a redirect to the
log-in page (the Django admin's own, for /admin/ URLs).
"""

import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from http.cookies import SimpleCookie

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib import admin
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils import timezone

from academies.services import academy_invitation_send, academy_invitation_token
from enrolment.models import CohortSession, Nomination, PlaceAllocation, Status
from enrolment.services import interest, open_access
from enrolment.services.calendar_feeds import calendar_feed_reset
from enrolment.services.funding import budget_holder_link_token
from enrolment.services.manager_support import SALT, manager_link_token
from portal.audit import audit_record
from portal.models import AuditEntry, EmailDelivery, ExternalIdentity
from programmes.models import Programme
from reporting.models import ReportsRefresh
from tests.academies.factories import AcademyAdminFactory, AcademyFactory
from tests.coaching.factories import CoachingRequestFactory, CoachProfileFactory
from tests.enrolment.factories import ApplicationFactory, CohortFactory
from tests.portal.factories import (
    IcsLeadFactory,
    IntegratedCareSystemFactory,
    OrganisationFactory,
    RegionFactory,
    UserFactory,
)
from tests.programmes.factories import FrameworkFactory, FundedSchemeFactory, ProgrammeFactory

pytestmark = pytest.mark.django_db

ROLES = (
    "anonymous", "staff", "other_staff", "academy_admin", "other_academy_admin", "ics_lead", "other_ics_lead",
    "national_admin",
)

MATRIX = """
# url name                            method  anon   staff  other  admin  oadmin ics    oics   national
# Public pages and accounts (a certificate is public: its random code is the key)
home                                  GET     200    200    200    200    200    200    200    200
home                                  POST    200    200    200    200    200    200    200    200
about                                 GET     200    200    200    200    200    200    200    200
about                                 POST    200    200    200    200    200    200    200    200
register                              GET     200    302    302    302    302    302    302    302
register                              POST    200    302    302    302    302    302    302    302
login                                 GET     200    302    302    302    302    302    302    302
login                                 POST    200    302    302    302    302    302    302    302
logout                                GET     405    405    405    405    405    405    405    405
logout                                POST    302    302    302    302    302    302    302    302
# Single sign-on is off unless configured, so no provider has pages (tests/portal/test_sso_*.py cover it on)
sso_start                             GET     404    404    404    404    404    404    404    404
sso_start                             POST    404    404    404    404    404    404    404    404
sso_callback                          GET     404    404    404    404    404    404    404    404
sso_callback                          POST    404    404    404    404    404    404    404    404
sso_link                              GET     404    404    404    404    404    404    404    404
sso_link                              POST    404    404    404    404    404    404    404    404
password_reset                        GET     200    200    200    200    200    200    200    200
password_reset                        POST    200    200    200    200    200    200    200    200
password_reset_done                   GET     200    200    200    200    200    200    200    200
password_reset_done                   POST    405    405    405    405    405    405    405    405
password_reset_confirm                GET     200    200    200    200    200    200    200    200
password_reset_confirm                POST    200    200    200    200    200    200    200    200
password_reset_complete               GET     200    200    200    200    200    200    200    200
password_reset_complete               POST    405    405    405    405    405    405    405    405
programmes:list                       GET     200    200    200    200    200    200    200    200
programmes:list                       POST    200    200    200    200    200    200    200    200
programmes:finder                     GET     200    200    200    200    200    200    200    200
programmes:finder                     POST    200    200    200    200    200    200    200    200
programmes:detail                     GET     200    200    200    200    200    200    200    200
programmes:detail                     POST    200    200    200    200    200    200    200    200
programmes:cohorts                    GET     200    200    200    200    200    200    200    200
programmes:cohorts                    POST    200    200    200    200    200    200    200    200
programmes:cohort_calendar            GET     200    200    200    200    200    200    200    200
programmes:cohort_calendar            POST    200    200    200    200    200    200    200    200
academies:list                        GET     200    200    200    200    200    200    200    200
academies:list                        POST    200    200    200    200    200    200    200    200
academies:detail                      GET     200    200    200    200    200    200    200    200
academies:detail                      POST    200    200    200    200    200    200    200    200
academies:cohorts                     GET     200    200    200    200    200    200    200    200
academies:cohorts                     POST    200    200    200    200    200    200    200    200
enrolment:certificate                 GET     200    200    200    200    200    200    200    200
enrolment:certificate                 POST    200    200    200    200    200    200    200    200

# For a load balancer or monitor; 503 here because no beat has run in this world
healthz                               GET     503    503    503    503    503    503    503    503
healthz                               POST    405    405    405    405    405    405    405    405
healthz_ready                         GET     200    200    200    200    200    200    200    200
healthz_ready                         POST    405    405    405    405    405    405    405    405

# Each person's own profile, data and equality answers
profile                               GET     login  200    200    200    200    200    200    200
profile                               POST    login  200    200    200    200    200    200    200
organisation_pick                     GET     login  200    200    200    200    200    200    200
organisation_pick                     POST    login  200    200    200    200    200    200    200
organisation_unlisted                 GET     login  200    200    200    200    200    200    200
organisation_unlisted                 POST    login  200    200    200    200    200    200    200
# Names people gave for unlisted organisations: national admins map them (no name asked for: nothing to map)
unlisted_organisations                GET     login  403    403    403    403    403    403    200
unlisted_organisations                POST    login  403    403    403    403    403    403    405
unlisted_organisation_map             GET     login  403    403    403    403    403    403    404
unlisted_organisation_map             POST    login  403    403    403    403    403    403    404
personal_data_download                GET     login  200    200    200    200    200    200    200
personal_data_download                POST    login  405    405    405    405    405    405    405
personal_data_erase                   GET     login  200    200    200    200    200    200    200
personal_data_erase                   POST    login  200    200    200    200    200    200    200
reporting:equality_profile            GET     login  200    200    200    200    200    200    200
reporting:equality_profile            POST    login  302    302    302    302    302    302    302
reporting:equality_profile_delete     GET     login  405    405    405    405    405    405    405
reporting:equality_profile_delete     POST    login  302    302    302    302    302    302    302

# Coaching register: "staff" asked the coach for coaching; the pending profile is academy A's to decide
coaching:register                     GET     login  200    200    200    200    200    200    200
coaching:register                     POST    login  405    405    405    405    405    405    405
coaching:suggestions                  GET     login  200    200    200    200    200    200    200
coaching:suggestions                  POST    login  405    405    405    405    405    405    405
coaching:coach_detail                 GET     login  404    404    200    404    404    404    404
coaching:coach_detail                 POST    login  404    404    200    404    404    404    404
coaching:profile_edit                 GET     login  200    200    200    200    200    200    200
coaching:profile_edit                 POST    login  200    200    200    200    200    200    200
coaching:mine                         GET     login  200    200    200    200    200    200    200
coaching:mine                         POST    login  405    405    405    405    405    405    405
coaching:request_detail               GET     login  200    404    404    404    404    404    404
coaching:request_detail               POST    login  405    405    405    405    405    405    405
coaching:request_accept               GET     login  405    405    405    405    405    405    405
coaching:request_accept               POST    login  302    404    404    404    404    404    404
coaching:request_decline              GET     login  405    405    405    405    405    405    405
coaching:request_decline              POST    login  302    404    404    404    404    404    404
coaching:request_withdraw             GET     login  405    405    405    405    405    405    405
coaching:request_withdraw             POST    login  302    404    404    404    404    404    404
coaching:request_close                GET     login  405    405    405    405    405    405    405
coaching:request_close                POST    login  302    404    404    404    404    404    404
coaching:session_log                  GET     login  405    405    405    405    405    405    405
coaching:session_log                  POST    login  200    404    404    404    404    404    404
coaching:academy                      GET     login  403    403    200    200    403    403    403
coaching:academy                      POST    login  403    403    405    405    403    403    403
coaching:profile_decision             GET     login  403    403    405    405    403    403    403
coaching:profile_decision             POST    login  403    403    400    404    403    403    403

# Applying and learning: "staff" owns the application and the enrolment
enrolment:start                       GET     login  302    302    302    302    302    302    302
enrolment:start                       POST    login  405    405    405    405    405    405    405
enrolment:apply                       GET     login  302    200    200    200    200    200    200
enrolment:apply                       POST    login  302    302    302    302    302    302    302
enrolment:enrol                       GET     login  405    405    405    405    405    405    405
enrolment:enrol                       POST    login  302    302    302    302    302    302    302
enrolment:applications                GET     login  200    200    200    200    200    200    200
enrolment:applications                POST    login  200    200    200    200    200    200    200
enrolment:application_detail          GET     login  200    404    404    404    404    404    404
enrolment:application_detail          POST    login  200    404    404    404    404    404    404
enrolment:application_budget_holder   GET     login  302    404    404    404    404    404    404
enrolment:application_budget_holder   POST    login  302    404    404    404    404    404    404
enrolment:application_bursary         GET     login  302    404    404    404    404    404    404
enrolment:application_bursary         POST    login  302    404    404    404    404    404    404
enrolment:application_page            GET     login  200    404    404    404    404    404    404
enrolment:application_page            POST    login  200    404    404    404    404    404    404
enrolment:application_check           GET     login  200    404    404    404    404    404    404
enrolment:application_check           POST    login  200    404    404    404    404    404    404
enrolment:application_confirmation    GET     login  302    404    404    404    404    404    404
enrolment:application_confirmation    POST    login  302    404    404    404    404    404    404
enrolment:application_withdraw        GET     login  200    404    404    404    404    404    404
enrolment:application_withdraw        POST    login  200    404    404    404    404    404    404
enrolment:offer_accept                GET     login  405    405    405    405    405    405    405
enrolment:offer_accept                POST    login  302    404    404    404    404    404    404
enrolment:offer_decline               GET     login  200    404    404    404    404    404    404
enrolment:offer_decline               POST    login  200    404    404    404    404    404    404
# "Tell me when applications open": anyone may ask (signed in, it is registered at once); the e-mailed links are
# the key, whoever holds them; a person's list and withdrawal are their own
enrolment:interest_register           GET     200    200    200    200    200    200    200    200
enrolment:interest_register           POST    200    302    302    302    302    302    302    302
enrolment:interest_confirm            GET     200    200    200    200    200    200    200    200
enrolment:interest_confirm            POST    200    200    200    200    200    200    200    200
enrolment:interest_unsubscribe        GET     200    200    200    200    200    200    200    200
enrolment:interest_unsubscribe        POST    200    200    200    200    200    200    200    200
enrolment:interests                   GET     login  200    200    200    200    200    200    200
enrolment:interests                   POST    login  200    200    200    200    200    200    200
enrolment:interest_withdraw           GET     login  405    405    405    405    405    405    405
enrolment:interest_withdraw           POST    login  302    404    404    404    404    404    404
enrolment:learning                    GET     login  200    200    200    200    200    200    200
enrolment:learning                    POST    login  200    200    200    200    200    200    200
enrolment:enrolment_complete          GET     login  200    404    404    404    404    404    404
enrolment:enrolment_complete          POST    login  200    404    404    404    404    404    404
enrolment:calendar_reset              GET     login  405    405    405    405    405    405    405
enrolment:calendar_reset              POST    login  302    302    302    302    302    302    302

# "staff"'s calendar subscription: the secret token is the key, whoever holds it
enrolment:calendar_feed               GET     200    200    200    200    200    200    200    200
enrolment:calendar_feed               POST    405    405    405    405    405    405    405    405

# The line manager's signed link: the token is the key, whoever holds it
enrolment:manager_support             GET     200    200    200    200    200    200    200    200
enrolment:manager_support             POST    200    200    200    200    200    200    200    200
enrolment:budget_holder                GET     200    200    200    200    200    200    200    200
enrolment:budget_holder                POST    200    200    200    200    200    200    200    200

# Nominations: a nominator's own page; only the allocation's nominator (the lead of ICS X) may nominate for it;
# only the person nominated ("staff", by e-mail) may take the nomination up
enrolment:nominations                 GET     login  200    200    200    200    200    200    200
enrolment:nominations                 POST    login  200    200    200    200    200    200    200
enrolment:nominate                    GET     login  405    405    405    405    405    405    405
enrolment:nominate                    POST    login  404    404    404    404    200    404    404
enrolment:nomination                  GET     login  200    404    404    404    404    404    404
enrolment:nomination                  POST    login  302    404    404    404    404    404    404

# Roles: national admins grant and revoke; an academy's admins invite; the invitation's signed link is the key,
# whoever holds it, but only the person it was sent to can accept it
roles:home                            GET     login  403    403    403    403    403    403    200
roles:home                            POST    login  403    403    403    403    403    403    405
roles:grant                           GET     login  403    403    403    403    403    403    200
roles:grant                           POST    login  403    403    403    403    403    403    200
roles:revoke                          GET     login  403    403    403    403    403    403    200
roles:revoke                          POST    login  403    403    403    403    403    403    302
roles:invite                          GET     login  403    403    200    200    403    403    403
roles:invite                          POST    login  403    403    200    200    403    403    403
roles:invitation                      GET     200    200    200    200    200    200    200    200
roles:invitation                      POST    login  410    410    410    410    410    410    410

# Academy A's workspace: its admin only; another academy's admin finds nothing (404)
enrolment:academy_applications        GET     login  403    403    200    200    403    403    403
enrolment:academy_applications        POST    login  403    403    200    200    403    403    403
enrolment:academy_application         GET     login  403    403    200    404    403    403    403
enrolment:academy_application         POST    login  403    403    200    404    403    403    403
enrolment:academy_application_bursary GET     login  403    403    405    405    403    403    403
enrolment:academy_application_bursary POST    login  403    403    302    404    403    403    403
enrolment:workspace                   GET     login  403    403    200    200    403    403    403
enrolment:workspace                   POST    login  403    403    200    200    403    403    403
enrolment:workspace_cohort_create     GET     login  403    403    200    200    403    403    403
enrolment:workspace_cohort_create     POST    login  403    403    200    200    403    403    403
enrolment:workspace_cohort            GET     login  403    403    200    404    403    403    403
enrolment:workspace_cohort            POST    login  403    403    200    404    403    403    403
enrolment:workspace_cohort_edit       GET     login  403    403    200    404    403    403    403
enrolment:workspace_cohort_edit       POST    login  403    403    200    404    403    403    403
enrolment:workspace_cohort_cancel     GET     login  403    403    405    405    403    403    403
enrolment:workspace_cohort_cancel     POST    login  403    403    302    404    403    403    403
enrolment:workspace_sessions_generate GET     login  403    403    200    404    403    403    403
enrolment:workspace_sessions_generate POST    login  403    403    200    404    403    403    403
enrolment:workspace_session_create    GET     login  403    403    200    404    403    403    403
enrolment:workspace_session_create    POST    login  403    403    200    404    403    403    403
enrolment:workspace_allocations       GET     login  403    403    200    404    403    403    403
enrolment:workspace_allocations       POST    login  403    403    200    404    403    403    403
enrolment:workspace_ring_fence        GET     login  403    403    405    405    403    403    403
enrolment:workspace_ring_fence        POST    login  403    403    200    404    403    403    403
enrolment:workspace_release_date      GET     login  403    403    405    405    403    403    403
enrolment:workspace_release_date      POST    login  403    403    200    404    403    403    403
enrolment:workspace_outcomes          GET     login  403    403    200    404    403    403    403
enrolment:workspace_outcomes          POST    login  403    403    200    404    403    403    403
enrolment:workspace_export            GET     login  403    403    200    404    403    403    403
enrolment:workspace_export            POST    login  403    403    200    404    403    403    403
enrolment:workspace_session_edit      GET     login  403    403    200    404    403    403    403
enrolment:workspace_session_edit      POST    login  403    403    200    404    403    403    403
enrolment:workspace_session_delete    GET     login  403    403    405    405    403    403    403
enrolment:workspace_session_delete    POST    login  403    403    302    404    403    403    403
enrolment:workspace_attendance        GET     login  403    403    200    404    403    403    403
enrolment:workspace_attendance        POST    login  403    403    200    404    403    403    403

# Reports: ICS X's lead and national admins; another ICS's lead finds nothing (404)
reporting:systems                     GET     login  403    403    403    403    302    302    200
reporting:systems                     POST    login  405    405    405    405    405    405    405
reporting:ics_dashboard               GET     login  404    404    404    404    200    404    200
reporting:ics_dashboard               POST    login  405    405    405    405    405    405    405
reporting:ics_export                  GET     login  404    404    404    404    200    404    200
reporting:ics_export                  POST    login  405    405    405    405    405    405    405
reporting:national                    GET     login  403    403    403    403    403    403    200
reporting:national                    POST    login  405    405    405    405    405    405    405
reporting:national_export             GET     login  403    403    403    403    403    403    200
reporting:national_export             POST    login  405    405    405    405    405    405    405
"""

# The Django admin: national admins only. Everyone else is sent to the admin's log-in page, whatever the URL.
# model:<view> rows hold for every registered model; ADMIN_EXCEPTIONS says where a model's admin refuses a view.
ADMIN_MATRIX = """
# url name                            method  anon   staff  other  admin  oadmin ics    oics   national
admin:index                           GET     login  login  login  login  login  login  login  200
admin:login                           GET     200    200    200    200    200    200    200    302
admin:logout                          GET     302    302    302    302    302    302    302    405
admin:password_change                 GET     login  login  login  login  login  login  login  200
admin:password_change_done            GET     login  login  login  login  login  login  login  200
admin:autocomplete                    GET     login  login  login  login  login  login  login  403
admin:jsi18n                          GET     login  login  login  login  login  login  login  200
admin:view_on_site                    GET     login  login  login  login  login  login  login  302
admin:auth_user_password_change       GET     login  login  login  login  login  login  login  200
admin:app_list                        GET     login  login  login  login  login  login  login  200
admin:catch_all                       GET     login  login  login  login  login  login  login  404
admin:model:changelist                GET     login  login  login  login  login  login  login  200
admin:model:add                       GET     login  login  login  login  login  login  login  200
admin:model:change                    GET     login  login  login  login  login  login  login  200
admin:model:history                   GET     login  login  login  login  login  login  login  200
admin:model:delete                    GET     login  login  login  login  login  login  login  200
admin:model:object_redirect           GET     login  login  login  login  login  login  login  302
"""
ADMIN_EXCEPTIONS = {
    # Only the services add coach profiles and requests; a cohort is cancelled, never deleted.
    "coaching.coachingrequest:add": "403",
    "coaching.coachprofile:add": "403",
    "enrolment.cohort:delete": "403",
    "enrolment.placeallocation:delete": "403",
    "axes.accessattempt:add": "403",
    "axes.accessfailurelog:add": "403",
    "axes.accesslog:add": "403",
    "portal.auditentry:add": "403",
    "portal.auditentry:delete": "403",
    "portal.externalidentity:add": "403",  # a sign-in makes the link; support only reads and deletes it
    "reporting.reportsrefresh:add": "403",
    "reporting.reportsrefresh:delete": "403",
}


def parse(table: str) -> dict[tuple[str, str], tuple[str, ...]]:
    rows = {}
    for line in table.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, method, *codes = line.split()
        assert len(codes) == len(ROLES), f"{name} {method}: {len(codes)} codes for {len(ROLES)} roles"
        rows[name, method] = tuple(codes)
    return rows


# --------------------------------------------------------------------------------------------------------------
# The world


@dataclass
class World:
    users: dict = field(default_factory=dict)
    parameters: dict = field(default_factory=dict)  # URL name -> its kwargs


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
    allocation = PlaceAllocation.objects.create(cohort=cohort, ics=ics, places=2)
    nomination = Nomination.objects.create(
        allocation=allocation, cohort=cohort, email=staff.email, nominated_by=ics_lead.user
    )
    own = {"pk": application.pk}
    world.parameters = {
        "password_reset_confirm": {"uidb64": "MQ", "token": "set-password"},
        "sso_start": {"provider": "nhsmail"},
        "sso_callback": {"provider": "nhsmail"},
        "programmes:detail": {"slug": programme.slug},
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
        "reporting:ics_dashboard": {"slug": ics.slug},
        "reporting:ics_export": {"slug": ics.slug, "table": "programmes"},
        "reporting:national_export": {"table": "regions"},
        "admin:auth_user_password_change": {"id": staff.pk},
    }
    return world


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


def address(url: Url, world: World) -> str:
    """The URL with its parameters filled from the world."""
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
        return reverse(url.key, kwargs=world.parameters[url.key])
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


@pytest.fixture
def world():
    return build_world()


def clients_for(world: World) -> dict[str, Client]:
    """A client per role; a view's error is a 500 in the table, not an exception that stops the walk."""
    clients = {role: Client(raise_request_exception=False) for role in ROLES}
    for role, user in world.users.items():
        clients[role].force_login(user)
    return clients


@pytest.fixture
def clients(world):
    return clients_for(world)


def test_every_url_of_the_portal_has_a_row_in_the_matrix():
    rows = {name for name, _ in parse(MATRIX)} | {name for name, _ in parse(ADMIN_MATRIX)}
    missing = sorted({url.key for url in portal_urls()} - rows)
    assert missing == [], f"URLs with no row in the access matrix: {missing}"
    stale = sorted(rows - {url.key for url in portal_urls()})
    assert stale == [], f"matrix rows for URLs that no longer exist: {stale}"


def test_every_url_answers_each_role_as_the_matrix_says(world, clients):
    expected = parse(MATRIX) | parse(ADMIN_MATRIX)
    wrong, observed = [], []
    for url in portal_urls():
        path = address(url, world)
        methods = ("GET",) if url.key.startswith("admin:") else ("GET", "POST")
        for method in methods:
            codes = tuple(ask(clients[role], method, path) for role in ROLES)
            want = expected.get((url.key, method), ())
            if url.model_admin:
                opts = url.model_admin.model._meta
                exception = ADMIN_EXCEPTIONS.get(f"{opts.label_lower}:{url.key.rsplit(':', 1)[1]}")
                want = want[:-1] + (exception,) if exception and want else want
            observed.append(f"{url.key:<40}{method:<8}" + "".join(f"{code:<7}" for code in codes) + f"  {path}")
            if codes != want:
                wrong.append(f"{url.key} {method} {path}: expected {' '.join(want)}, got {' '.join(codes)}")
    assert wrong == [], "\n".join(wrong) + "\n\nobserved:\n" + "\n".join(observed)


def test_manager_links_are_signed_tokens_not_application_ids(world):
    token = world.parameters["enrolment:manager_support"]["token"]
    payload = signing.loads(token, salt=SALT)
    assert resolve(reverse("enrolment:manager_support", kwargs={"token": token})).route == "line-manager/<str:token>/"
    client = Client()
    forged = signing.dumps(payload, salt=SALT, key="not-the-portal-secret-key")
    for guess in (str(payload["application"]), forged, token[:-2] + "xx"):
        assert client.get(reverse("enrolment:manager_support", kwargs={"token": guess})).status_code == 410
    assert client.get(reverse("enrolment:manager_support", kwargs={"token": token})).status_code == 200


def test_certificate_urls_are_random_uuids_not_ids(world):
    code = world.parameters["enrolment:certificate"]["code"]
    assert isinstance(code, uuid.UUID) and code.version == 4
    assert resolve(reverse("enrolment:certificate", kwargs={"code": code})).route == "certificates/<uuid:code>/"
    assert Client().get(f"/certificates/{uuid.uuid4()}/").status_code == 404
