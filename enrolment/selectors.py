"""Reads of cohorts, applications and enrolments that pages share; each a fixed number of queries."""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db.models import Count, Exists, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from academies.models import Academy
from portal.models import EmailDelivery, StaffProfile, User
from programmes.models import Programme

from .models import (
    ACTIVE,
    PARTICIPANTS,
    Application,
    ApplicationQuestion,
    Certificate,
    Cohort,
    CohortSession,
    Enrolment,
)
from .permissions import academy_admin_cohorts, applicant_applications, learner_enrolments
from .services.eligibility import all_demo, application_refusal


def cohort_upcoming_list(*, today: date) -> QuerySet[Cohort]:
    return (
        Cohort.objects.upcoming(today)
        .with_places_held()
        .select_related("academy", "programme", "region")
        .order_by("starts_on", "name")
    )


def open_cohorts(programme: Programme, now=None):
    now = now or timezone.now()
    return programme.cohorts.open_for_applications(now)


def needs_line_manager(application: Application, now=None) -> bool:
    if application.programme.line_manager_support_required:
        return True
    if application.cohort:
        return application.cohort.line_manager_support_required
    in_region = open_cohorts(application.programme, now).filter(region=application.region)
    return in_region.filter(line_manager_support_required=True).exists()


def academies_run_by(admin: User):
    return Academy.objects.for_admin(admin)


def programmes_deliverable_by(academies):
    """Academies run cohorts of the programmes they provide or deliver, except open-access ones, which have none:
    a programme is joined by application to the cohorts an academy runs, whatever the catalogue says of access."""
    return (
        Programme.objects.filter(Q(provider__in=academies) | Q(delivering_academies__in=academies))
        .exclude(access=Programme.Access.OPEN_ACCESS)
        .distinct()
    )


SOONEST_COHORTS = 10


@dataclass(frozen=True)
class Soonest:
    cohorts: list[Cohort]
    total: int
    demo: int  # how many of the total are demo cohorts


def cohorts_soonest(upcoming: QuerySet[Cohort], *, limit: int = SOONEST_COHORTS) -> Soonest:
    """The first `limit` of `upcoming`, and how many it holds (and how many of those are demo): a page with dozens
    of cohorts shows the soonest and links to the rest. One query, and a count only when there are more."""
    cohorts = list(upcoming[: limit + 1])
    if len(cohorts) > limit:
        counts = upcoming.aggregate(total=Count("pk"), demo=Count("pk", filter=Q(is_demo=True)))
        return Soonest(cohorts[:limit], counts["total"], counts["demo"])
    return Soonest(cohorts, len(cohorts), sum(cohort.is_demo for cohort in cohorts))


def demo_cohort_count(upcoming: QuerySet[Cohort]) -> int:
    return upcoming.filter(is_demo=True).count()


def with_waiting_list_position(applications: QuerySet[Application]) -> QuerySet[Application]:
    """Annotates waiting_list_position (1 for the head of the list), in the same query as the applications."""
    ahead = (
        Application.objects.filter(cohort=OuterRef("cohort"), status=Application.Status.WAITLISTED)
        .filter(
            Q(waitlisted_at__lt=OuterRef("waitlisted_at"))
            | Q(waitlisted_at=OuterRef("waitlisted_at"), pk__lt=OuterRef("pk"))
        )
        .order_by()
        .values("cohort")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return applications.annotate(
        waiting_list_position=Coalesce(Subquery(ahead, output_field=IntegerField()), Value(0)) + 1
    )


def waiting_list_positions_set(applications: list[Application]) -> list[Application]:
    """Sets waiting_list_position on each of `applications` (None unless it is waitlisted), in one query and only
    when one of them is waitlisted: most people's pages need no position, and building the counting subquery
    for every row of every request was most of My applications' time."""
    waitlisted = [application.pk for application in applications if application.is_waitlisted]
    positions = {}
    if waitlisted:
        positions = dict(
            with_waiting_list_position(Application.objects.filter(pk__in=waitlisted)).values_list(
                "pk", "waiting_list_position"
            )
        )
    for application in applications:
        application.waiting_list_position = positions.get(application.pk)
    return applications


def _applicant_applications_shown(user) -> QuerySet[Application]:
    return applicant_applications(user).select_related("programme", "cohort__academy", "region")


def application_list_for_applicant(user) -> list[Application]:
    return waiting_list_positions_set(list(_applicant_applications_shown(user).order_by("-updated_at")))


def application_get_for_applicant(user, pk: int) -> Application | None:
    application = (
        _applicant_applications_shown(user)
        .prefetch_related("events__actor", "certificate", "cohort__sessions")
        .filter(pk=pk)
        .first()
    )
    return application and waiting_list_positions_set([application])[0]


@dataclass(frozen=True)
class QuestionAnswer:
    question: str
    answer: str  # "" when the applicant left it blank


def application_answers(application: Application) -> list[QuestionAnswer]:
    """The applicant's answers to each of the programme's own questions, in the programme's order.

    One query however many questions. Answers are keyed by question id, so every question the programme asks now
    is listed, blank ones included, for the academy and the line manager to see what was left out.
    """
    answers = application.answers or {}
    questions = ApplicationQuestion.objects.filter(programme_id=application.programme_id).values_list("pk", "prompt")
    return [QuestionAnswer(prompt, str(answers.get(str(pk), "")).strip()) for pk, prompt in questions]


def certificate_list_for_holder(user) -> QuerySet[Certificate]:
    return Certificate.objects.filter(holder=user).select_related("programme").order_by("-issued_at")


def enrolment_list_for_learner(user) -> QuerySet[Enrolment]:
    return learner_enrolments(user).select_related("programme", "certificate").order_by("-enrolled_at")


@dataclass(frozen=True)
class ProgrammeAction:
    """What the programme page's one button lets this person do, or why it does not. `is_demo` is true when only
    demo cohorts give the message, which then carries the Demo label."""

    state: str
    message: str = ""
    label: str = ""
    url: str = ""
    method: str = "get"
    is_demo: bool = False


def programme_action(*, user, programme: Programme, cohorts: list[Cohort], now=None) -> ProgrammeAction:
    """Decides the button from the programme, its upcoming cohorts (annotated with places held) and the user: the
    first rule of PROGRAMME_ACTION_RULES that has something to say decides; when none has, applications are open.

    Why nobody can apply comes from application_refusal, the rule application_start applies. Two queries at
    most, for the user's application or enrolment and their profile, however many cohorts.
    """
    asking = ActionContext(user=user, programme=programme, cohorts=cohorts, now=now or timezone.now())
    for rule in PROGRAMME_ACTION_RULES:
        action = rule(asking)
        if action:
            return action
    return _apply_action(asking)


@dataclass(frozen=True)
class ActionContext:
    """Who asks about which programme, its upcoming cohorts, and when."""

    user: object
    programme: Programme
    cohorts: list[Cohort]
    now: datetime

    @property
    def signed_in(self) -> bool:
        return self.user.is_authenticated

    @property
    def open_now(self) -> list[Cohort]:
        return [cohort for cohort in self.cohorts if cohort.is_open_for_applications(self.now)]

    @property
    def apply_url(self) -> str:
        return reverse("enrolment:apply", args=[self.programme.slug])


def _open_access_action(asking: ActionContext) -> ProgrammeAction | None:
    """An open-access programme has no cohorts: staff enrol at once."""
    if not asking.programme.is_open_access:
        return None
    user, programme = asking.user, asking.programme
    if not user.is_authenticated:
        login = _login_url(programme)
        return ProgrammeAction("sign_in", "Open to all staff. Log in to enrol.", "Log in to enrol", login)
    if learner_enrolments(user).filter(programme=programme).exists():
        return ProgrammeAction(
            "enrolled", "You are enrolled on this programme.", "Go to My learning", reverse("enrolment:learning")
        )
    return ProgrammeAction(
        "enrol",
        "Open to all staff: you can start at once.",
        "Enrol now",
        reverse("enrolment:enrol", args=[programme.slug]),
        "post",
    )


def _applied_action(asking: ActionContext) -> ProgrammeAction | None:
    """Someone with an open application to the programme is shown it."""
    if not asking.signed_in:
        return None
    application = (
        applicant_applications(asking.user)
        .filter(programme=asking.programme, status__in=ACTIVE)
        .select_related("cohort")
        .first()
    )
    if not application:
        return None
    return ProgrammeAction(
        "applied",
        f"Your application: {application.get_status_display().lower()}.",
        "View your application",
        reverse("enrolment:application_detail", args=[application.pk]),
        is_demo=bool(application.cohort and application.cohort.is_demo),
    )


def _refused_action(asking: ActionContext) -> ProgrammeAction | None:
    """Why nobody (or this person's profession) cannot apply, as application_start would refuse."""
    profession = _profession_of(asking.user, asking.programme) if asking.signed_in else None
    refusal = application_refusal(
        programme=asking.programme, profession=profession, cohorts=asking.cohorts, now=asking.now
    )
    return ProgrammeAction(refusal.state, refusal.message, is_demo=refusal.is_demo) if refusal else None


def _sign_in_action(asking: ActionContext) -> ProgrammeAction | None:
    if asking.signed_in:
        return None
    return ProgrammeAction(
        "sign_in",
        "Applications are open. Log in to apply.",
        "Log in to apply",
        _login_url(asking.programme),
        is_demo=all_demo(asking.open_now),
    )


def _full_action(asking: ActionContext) -> ProgrammeAction | None:
    open_now = asking.open_now
    if not all(cohort.places_left == 0 for cohort in open_now):
        return None
    return ProgrammeAction(
        "full",
        "Every place is taken. You can still apply, to join the waiting list.",
        "Apply for the waiting list",
        asking.apply_url,
        "get",
        all_demo(open_now),
    )


def _apply_action(asking: ActionContext) -> ProgrammeAction:
    demo = all_demo(asking.open_now)
    return ProgrammeAction("apply", "Applications are open.", "Apply", asking.apply_url, "get", demo)


PROGRAMME_ACTION_RULES = (
    _open_access_action,
    _applied_action,
    _refused_action,
    _sign_in_action,
    _full_action,
)


def _login_url(programme: Programme) -> str:
    return f"{reverse('login')}?next={programme.get_absolute_url()}"


def _profession_of(user, programme: Programme):
    """The profession on the user's profile, when the programme is for some professions only (else no query)."""
    if programme.open_to_all_professions:
        return None
    profile = StaffProfile.objects.select_related("profession").filter(user=user).first()
    return profile.profession if profile else None


def workspace_cohorts(admin) -> QuerySet[Cohort]:
    """The admin's cohorts with the counts the workspace shows, all in one query."""
    status = "applications__status"
    return (
        academy_admin_cohorts(admin)
        .select_related("programme", "academy")
        .annotate(
            accepted=Count("applications", filter=Q(**{status: Application.Status.ACCEPTED})),
            offers=Count("applications", filter=Q(**{status: Application.Status.OFFERED})),
            waiting=Count("applications", filter=Q(**{status: Application.Status.WAITLISTED})),
            to_decide=Count("applications", filter=Q(**{status: Application.Status.UNDER_REVIEW})),
            completed=Count("applications", filter=Q(**{status: Application.Status.COMPLETED})),
        )
        .order_by("starts_on", "name")
    )


def workspace_next_sessions(admin, *, now=None, limit: int = 8) -> QuerySet[CohortSession]:
    now = now or timezone.now()
    return (
        CohortSession.objects.filter(cohort__in=academy_admin_cohorts(admin), starts_at__gte=now)
        .exclude(cohort__status=Cohort.Status.CANCELLED)
        .select_related("cohort__programme")
        .order_by("starts_at")[:limit]
    )


def venue_clashes(sessions: QuerySet[CohortSession]) -> QuerySet[CohortSession]:
    """Sessions that share a venue and overlapping time with another session of the same academy."""
    other = CohortSession.objects.filter(
        cohort__academy=OuterRef("cohort__academy"),
        venue__iexact=OuterRef("venue"),
        starts_at__lt=OuterRef("ends_at"),
        ends_at__gt=OuterRef("starts_at"),
        is_online=False,
    ).exclude(pk=OuterRef("pk"))
    return (
        sessions.filter(is_online=False)
        .exclude(venue="")
        .exclude(cohort__status=Cohort.Status.CANCELLED)
        .filter(Exists(other.exclude(cohort__status=Cohort.Status.CANCELLED)))
        .select_related("cohort")
    )


def cohort_roster(cohort: Cohort) -> QuerySet[Application]:
    """The cohort's learners with how many sessions each attended, in one query."""
    return (
        cohort.applications.filter(status__in=PARTICIPANTS)
        .select_related("applicant", "organisation", "certificate")
        .annotate(sessions_attended=Count("attendance", filter=Q(attendance__attended=True)))
        .order_by("applicant__full_name")
    )


# Reminders: each has a key; the e-mail for a key is sent once (portal.notifications.email_send_once).

OFFER_EXPIRING = "offer-expiring"
COHORT_STARTS_IN_A_WEEK = "cohort-starts-in-a-week"
COHORT_STARTS_TOMORROW = "cohort-starts-tomorrow"
SESSION_TOMORROW = "session-tomorrow"


def reminder_key(kind: str, application_id: int, session_id: int | None = None) -> str:
    return f"reminder:{kind}:{application_id}" + (f":{session_id}" if session_id else "")


def reminders_due(*, now=None) -> list[tuple[str, int, int | None]]:
    """(kind, application id, session id) of every reminder due now and not yet sent; a fixed number of queries.

    A week's notice is due from 7 days to 2 days before the start; a missed one is not sent once the day's
    notice is due, so nobody gets both on the same day.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    tomorrow = today + timedelta(days=1)
    accepted = Application.objects.filter(status=Application.Status.ACCEPTED)
    due = [
        (OFFER_EXPIRING, pk, None)
        for pk in Application.objects.filter(
            status=Application.Status.OFFERED, offer_expires_at__gt=now, offer_expires_at__lte=now + timedelta(hours=48)
        ).values_list("pk", flat=True)
    ]
    due += [
        (COHORT_STARTS_IN_A_WEEK, pk, None)
        for pk in accepted.filter(
            cohort__starts_on__gt=tomorrow, cohort__starts_on__lte=today + timedelta(days=7)
        ).values_list("pk", flat=True)
    ]
    due += [
        (COHORT_STARTS_TOMORROW, pk, None)
        for pk in accepted.filter(cohort__starts_on__gte=today, cohort__starts_on__lte=tomorrow).values_list(
            "pk", flat=True
        )
    ]
    due += [
        (SESSION_TOMORROW, application_pk, session_pk)
        for session_pk, application_pk in CohortSession.objects.filter(
            starts_at__date=tomorrow,
            cohort__applications__status=Application.Status.ACCEPTED,
        )
        .annotate(application_pk=F("cohort__applications__pk"))
        .values_list("pk", "application_pk")
    ]
    sent = set(
        EmailDelivery.objects.filter(
            key__in=[reminder_key(*reminder) for reminder in due], sent_at__isnull=False
        ).values_list("key", flat=True)
    )
    return [reminder for reminder in due if reminder_key(*reminder) not in sent]
