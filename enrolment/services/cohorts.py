"""An academy plans its cohorts: create, change, cancel; and the schedule that moves them along by their dates."""

from datetime import timedelta

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import formats, timezone

from academies.models import Academy
from enrolment import tasks
from enrolment.funding import FundingKind
from enrolment.models import ACTIVE, COHORT_NAME_TAKEN, Application, Cohort, EnrolmentError, InvalidTransition
from enrolment.permissions import academies_planned_by, cohorts_changeable_by
from portal.audit import audit_record
from portal.models import AuditEntry, User
from programmes.models import Programme

from ..selectors import programmes_deliverable_by
from .allocations import capacity_refusal
from .bursaries import cohort_bursary_problems
from .locking import cohort_lock
from .transitions import application_transition
from .webhooks import cohort_webhooks_record


class CapacityBelowPlacesHeld(EnrolmentError):
    """A cohort cannot have fewer places than are already accepted or offered."""


class InvalidInput(EnrolmentError):
    """A cohort's or session's fields break a rule: `problems` maps each field (None: the whole) to what is wrong."""

    def __init__(self, problems: dict[str | None, str]):
        super().__init__(" ".join(problems.values()))
        self.problems = problems


# Fields an academy admin sets on a cohort.
COHORT_FIELDS = (
    "name",
    "starts_on",
    "ends_on",
    "venue",
    "is_online",
    "region",
    "ics",
    "capacity",
    "applications_open_at",
    "applications_close_at",
    "offer_days",
    "line_manager_support_required",
    "joining_closes_on",
    "cpd_hours",
    "funding_kind",
    "fee",
    "bursaries_available",
    "bursary_kind",
    "bursary_amount",
    "bursary_budget",
    "finance_email",
)


def cohort_problems(cohort: Cohort) -> dict[str, str]:
    """What is wrong with the cohort's place and dates, by field, in words for the academy."""
    problems = {}
    if not cohort.is_online and not cohort.venue.strip():
        problems["venue"] = "Enter the venue, or choose online cohort"
    if None in (cohort.starts_on, cohort.ends_on, cohort.applications_open_at, cohort.applications_close_at):
        return problems  # full_clean names the missing date
    if cohort.ends_on < cohort.starts_on:
        problems["ends_on"] = "The cohort must end on or after the day it starts"
    if cohort.applications_close_at <= cohort.applications_open_at:
        problems["applications_close_at"] = "Applications must close after they open"
    joining = cohort.joining_closes_on
    if joining and not cohort.starts_on <= joining <= cohort.ends_on:
        problems["joining_closes_on"] = "The last day to join must fall between the cohort's first and last days"
    elif cohort.applications_close_at > cohort.joining_ends_at:
        last = formats.date_format(cohort.last_joining_day, "j F Y")
        problems["applications_close_at"] = (
            f"Applications must close by the end of the last day to join, {last}"
            if joining
            else f"Applications must close before the cohort starts: by the end of {last}"
        )
    return problems


# The longest a cohort may run: a longer one is a typo in a date, and would be a timetable of thousands of sessions.
LONGEST_COHORT = timedelta(days=5 * 366)
# Which field a model constraint's refusal belongs to, by the constraint's violation code.
CONSTRAINT_FIELDS = {COHORT_NAME_TAKEN: "name"}


def cohort_length_problems(cohort: Cohort) -> dict[str, str]:
    if None in (cohort.starts_on, cohort.ends_on) or cohort.ends_on - cohort.starts_on <= LONGEST_COHORT:
        return {}
    return {"ends_on": "A cohort can run for 5 years at most. Check the end date"}


def cohort_fee_problems(cohort: Cohort) -> dict[str, str]:
    if cohort.funding_kind == FundingKind.FREE and cohort.fee:
        return {"fee": "A free cohort has no fee. Remove the fee, or choose who pays"}
    return {}


def cohort_capacity_problems(cohort: Cohort) -> dict[str, str]:
    if cohort.capacity is not None and cohort.capacity < 1:
        return {"capacity": "A cohort needs at least 1 place"}
    return {}


def cohort_rule_problems(cohort: Cohort) -> dict[str, str]:
    """What the cohort's rules find wrong with it, by field, before the model's own checks: the same answer for the
    services and for the forms that save through them (CohortRulesForm), so each problem is shown beside its field
    in the academy's words rather than as a database constraint's name above the form."""
    return {
        **cohort_length_problems(cohort),
        **cohort_problems(cohort),
        **cohort_capacity_problems(cohort),
        **cohort_fee_problems(cohort),
        **cohort_bursary_problems(cohort),
    }


def cohort_validate(cohort: Cohort) -> None:
    """Raises InvalidInput with every problem of the cohort, the model's own checks included, each on its field."""
    problems = cohort_rule_problems(cohort)
    try:
        cohort.full_clean()
    except ValidationError as error:
        for field, errors in error.error_dict.items():
            for each in errors:
                field_name = CONSTRAINT_FIELDS.get(each.code, None if field == NON_FIELD_ERRORS else field)
                problems.setdefault(field_name, " ".join(each.messages))
    if problems:
        raise InvalidInput(problems)


def cohort_save(cohort: Cohort) -> None:
    """Saves a validated cohort; a twin saved in the meantime (a double-clicked "Create") is refused on its name."""
    try:
        with transaction.atomic():
            cohort.save()
    except IntegrityError:
        cohort_validate(cohort)
        raise


@transaction.atomic
def cohort_create(
    *, admin: User, academy: Academy, programme: Programme, actor_label: str = "", **fields
) -> Cohort:
    """Creates a cohort of a programme the academy delivers. `actor_label` names what acted for the admin (an
    academy API token) in the audit log, as in enrolment.services.decisions."""
    if not academies_planned_by(admin).filter(pk=academy.pk).exists():
        raise EnrolmentError("You are not an admin of that academy.")
    if not programmes_deliverable_by([academy]).filter(pk=programme.pk).exists():
        raise EnrolmentError(f"{academy.name} does not run cohorts of {programme.title}.")
    cohort = Cohort(academy=academy, programme=programme, **fields)
    cohort.status = cohort.status_on(timezone.now())
    cohort_validate(cohort)
    cohort_save(cohort)
    if cohort.status == Cohort.Status.OPEN:
        _cohorts_opened([cohort.pk])
    admin_audit(AuditEntry.Action.COHORT_CREATED, admin, actor_label, cohort, f"capacity {cohort.capacity}")
    return cohort


def cohort_update(*, admin: User, cohort_id: int, now=None, actor_label: str = "", **fields) -> Cohort:
    """Changes a cohort; capacity can go down only to its allocations plus the places held in its open pool
    (enrolment.services.allocations), and extra places are offered on.
    New dates may not take the cohort back along its table of statuses (a running cohort cannot start later)."""
    now = now or timezone.now()
    with transaction.atomic():
        cohort = _admin_cohort_locked(admin, cohort_id)
        if cohort.status == Cohort.Status.CANCELLED:
            raise EnrolmentError("This cohort is cancelled, so it can no longer be changed.")
        stored, before = cohort.status, cohort.status_on(now)
        refusal = capacity_refusal(cohort, fields.get("capacity", cohort.capacity))
        if refusal:
            raise CapacityBelowPlacesHeld(refusal)
        raised = fields.get("capacity", cohort.capacity) > cohort.capacity
        for name, value in fields.items():
            setattr(cohort, name, value)
        cohort_validate(cohort)
        cohort.status, after = before, cohort.status_on(now)
        if after != before:
            try:
                cohort.move_to(after)
            except InvalidTransition as error:
                message = f"{error} Once a cohort has started, its dates cannot take it back."
                raise InvalidInput({None: message}) from None
        cohort_save(cohort)
        if cohort.status == Cohort.Status.OPEN != stored:
            _cohorts_opened([cohort.pk])
        admin_audit(AuditEntry.Action.COHORT_UPDATED, admin, actor_label, cohort, f"capacity {cohort.capacity}")
        if raised:
            tasks.promote_waiting_list.enqueue_on_commit(cohort.pk)
        cohort_webhooks_record(cohort)
    return cohort


def cohort_cancel(*, admin: User, cohort_id: int, reason: str, now=None, actor_label: str = "") -> Cohort:
    """Cancels the cohort, if its table of statuses allows, and releases every applicant to it, each told why."""
    if not reason.strip():
        raise EnrolmentError("Give the reason for cancelling: every applicant is told it.")
    with transaction.atomic():
        cohort = _admin_cohort_locked(admin, cohort_id)
        if cohort.status == Cohort.Status.CANCELLED:
            raise EnrolmentError("This cohort is already cancelled.")
        cohort.status = cohort.status_on(now or timezone.now())
        cohort.move_to(Cohort.Status.CANCELLED)
        cohort.save(update_fields=["status"])
        affected = Application.objects.select_for_update().filter(cohort=cohort, status__in=ACTIVE)
        for application in affected:
            application_transition(
                application,
                Application.Status.COHORT_CANCELLED,
                actor=admin,
                actor_label=actor_label,
                reason=reason.strip(),
            )
        released = f"{len(affected)} application(s) released"
        admin_audit(AuditEntry.Action.COHORT_CANCELLED, admin, actor_label, cohort, released)
        cohort_webhooks_record(cohort)
    return cohort


def cohorts_advance_schedule(*, now=None) -> int:
    """Sets every cohort's stored status to the one its dates give, where Cohort.TRANSITIONS allows the move, in
    a fixed number of UPDATEs.

    It looks only at dates, not at what ran before, so a run after a day with beat stopped catches up at once,
    and a second run changes nothing.
    """
    now = now or timezone.now()
    today = timezone.localdate(now)
    steps = [
        (Cohort.Status.FINISHED, Q(ends_on__lt=today)),
        (Cohort.Status.RUNNING, Q(starts_on__lte=today, ends_on__gte=today)),
        (Cohort.Status.CLOSED, Q(starts_on__gt=today, applications_close_at__lte=now)),
        (Cohort.Status.OPEN, Q(starts_on__gt=today, applications_open_at__lte=now, applications_close_at__gt=now)),
    ]
    changed = 0
    with transaction.atomic():
        for status, due in steps:
            allowed = [before for before, after in Cohort.TRANSITIONS.items() if status in after]
            moving = Cohort.objects.filter(due, status__in=allowed)
            if status == Cohort.Status.OPEN:
                _cohorts_opened(list(moving.values_list("pk", flat=True)))
            changed += moving.update(status=status)
    return changed


def _cohorts_opened(cohort_ids: list[int]) -> None:
    """Each cohort just opened for applications tells the people who asked to hear (enrolment.services.interest),
    once the transaction that opened it commits."""
    for cohort_id in cohort_ids:
        tasks.tell_interested_people.enqueue_on_commit(cohort_id)


def admin_audit(action: str, admin: User, actor_label: str, target: models.Model, summary: str) -> None:
    """Audits an academy admin's change to a cohort or its sessions; `actor_label` names what acted for them (an
    academy API token), as in enrolment.services.decisions."""
    audit_record(action=action, actor=admin, actor_label=actor_label, target=target, summary=summary)


def _admin_cohort_locked(admin: User, cohort_id: int) -> Cohort:
    if not cohorts_changeable_by(admin).filter(pk=cohort_id).exists():
        raise EnrolmentError("There is no such cohort.")
    return cohort_lock(cohort_id=cohort_id)
