"""A cohort's sessions: generated from a pattern on working days, then edited freely; attendance per session."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import lru_cache

import holidays
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.template.defaultfilters import pluralize
from django.utils import formats, timezone

from enrolment import tasks
from enrolment.models import (
    PARTICIPANTS,
    Application,
    Attendance,
    Cohort,
    CohortSession,
    EnrolmentError,
    SessionChange,
)
from enrolment.statuses import PLACE_HOLDING
from portal.audit import audit_record
from portal.locking import lock_row
from portal.models import AuditEntry, User

from ..selectors import academies_run_by
from .cohorts import InvalidInput, admin_audit

NO_VENUE = "Enter the venue, or choose held online"


@dataclass(frozen=True)
class SessionPattern:
    """How often a cohort meets, e.g. Mary Seacole's workshop every four weeks plus online tutor groups."""

    title: str
    kind: str
    every_weeks: int
    starts_at: time
    hours: float
    venue: str = ""
    is_online: bool = False
    tutor_groups_every_weeks: int | None = None


@lru_cache(maxsize=16)
def bank_holidays(year: int) -> holidays.HolidayBase:
    """England and Wales share their bank holidays; the holidays package keeps them up to date."""
    return holidays.country_holidays("GB", subdiv="ENG", years=year)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in bank_holidays(day.year)


def next_working_day(day: date) -> date:
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def session_dates(start: date, end: date, every_weeks: int) -> list[date]:
    """Every `every_weeks` weeks from the start, each moved to the next working day, within the cohort's dates."""
    dates, planned = [], start
    while planned <= end:
        day = next_working_day(planned)
        if day <= end and day not in dates:
            dates.append(day)
        planned += timedelta(weeks=every_weeks)
    return dates


@transaction.atomic
def sessions_generate(
    *, admin: User, cohort_id: int, pattern: SessionPattern, actor_label: str = ""
) -> list[CohortSession]:
    """Replaces the cohort's sessions with those of the pattern; refused once attendance has been taken. Everyone
    already holding a place is e-mailed the new timetable, once. `actor_label` names what acted for the admin (an
    academy API token) in the audit log, as in enrolment.services.decisions."""
    cohort = _admin_cohort(admin, cohort_id)
    if pattern.every_weeks < 1 or (pattern.tutor_groups_every_weeks or 1) < 1 or not 0 < pattern.hours <= 12:
        raise EnrolmentError("Give a pattern of at least one week between sessions and up to 12 hours each.")
    if not pattern.is_online and not pattern.venue.strip():
        raise InvalidInput({"venue": NO_VENUE})
    if Attendance.objects.filter(session__cohort=cohort).exists():
        raise EnrolmentError("Attendance has been taken, so the sessions can no longer be regenerated. Edit them.")
    cohort.sessions.all().delete()
    sessions = _sessions_for(cohort, pattern)
    if pattern.tutor_groups_every_weeks:
        tutor_groups = SessionPattern(
            title="Online tutor group",
            kind=CohortSession.Kind.TUTOR_GROUP,
            every_weeks=pattern.tutor_groups_every_weeks,
            starts_at=pattern.starts_at,
            hours=1.5,
            is_online=True,
        )
        workshop_days = {timezone.localdate(s.starts_at) for s in sessions}
        sessions += [
            s for s in _sessions_for(cohort, tutor_groups) if timezone.localdate(s.starts_at) not in workshop_days
        ]
    for session in sessions:
        session.full_clean()
    sessions = CohortSession.objects.bulk_create(sorted(sessions, key=lambda s: s.starts_at))
    if sessions and cohort.applications.filter(status__in=PLACE_HOLDING).exists():
        _tell_timetable_replaced(cohort, sessions)
    admin_audit(AuditEntry.Action.SESSIONS_GENERATED, admin, actor_label, cohort, f"{len(sessions)} session(s)")
    return sessions


def _sessions_for(cohort: Cohort, pattern: SessionPattern) -> list[CohortSession]:
    sessions = []
    for number, day in enumerate(session_dates(cohort.starts_on, cohort.ends_on, pattern.every_weeks), start=1):
        starts = timezone.make_aware(datetime.combine(day, pattern.starts_at))
        sessions.append(
            CohortSession(
                cohort=cohort,
                title=f"{pattern.title} {number}",
                kind=pattern.kind,
                starts_at=starts,
                ends_at=starts + timedelta(hours=pattern.hours),
                venue="" if pattern.is_online else pattern.venue,
                is_online=pattern.is_online,
            )
        )
    return sessions


def session_validate(session: CohortSession) -> None:
    """Raises InvalidInput with every problem of the session, the model's own checks included, each on its field."""
    problems = {}
    if not session.is_online and not session.venue.strip():
        problems["venue"] = NO_VENUE
    if session.starts_at and session.ends_at and session.ends_at <= session.starts_at:
        problems["ends_at"] = "A session must end after it starts"  # the model's one constraint, on its field
    try:
        session.full_clean(validate_constraints=False)
    except ValidationError as error:
        for field, errors in error.message_dict.items():
            problems.setdefault(None if field == NON_FIELD_ERRORS else field, " ".join(errors))
    if problems:
        raise InvalidInput(problems)


@transaction.atomic
def session_save(*, admin: User, session: CohortSession, actor_label: str = "") -> CohortSession:
    """Creates or changes one session of a cohort the admin's academy runs; it is held somewhere or online.

    A session whose date, time or place changes gets a new version (calendars then move it), and everyone holding
    a place is e-mailed, once, if it has not yet ended. `actor_label` names what acted for the admin in the audit
    log."""
    _admin_cohort(admin, session.cohort_id)
    session_validate(session)
    before = lock_row(CohortSession.objects, pk=session.pk) if session.pk else None
    if before is not None and before.cohort_id != session.cohort_id:
        raise EnrolmentError("A session stays in its cohort. Add a session to the other cohort instead.")
    moved = before is not None and before.when_and_where() != session.when_and_where()
    if moved:
        session.sequence = before.sequence + 1
    session.save()
    if moved and max(before.ends_at, session.ends_at) > timezone.now():
        _tell_place_holders(session, SessionChange.Kind.MOVED, previous_starts_at=before.starts_at)
    admin_audit(AuditEntry.Action.SESSION_SAVED, admin, actor_label, session, f"cohort {session.cohort_id}")
    return session


@transaction.atomic
def session_delete(*, admin: User, session_id: int, actor_label: str = "") -> None:
    """Deletes a session nobody has attended; everyone holding a place is told, once, if it was still to come."""
    session = CohortSession.objects.filter(pk=session_id, cohort__academy__in=academies_run_by(admin)).first()
    if session is None:
        raise EnrolmentError("There is no such session.")
    session = lock_row(CohortSession.objects, pk=session.pk)
    if session.attendance.exists():
        raise EnrolmentError("Attendance has been taken for this session, so it cannot be deleted.")
    if session.ends_at > timezone.now():
        _tell_place_holders(session, SessionChange.Kind.CANCELLED)
    admin_audit(AuditEntry.Action.SESSION_DELETED, admin, actor_label, session, f"cohort {session.cohort_id}")
    session.delete()


def _tell_timetable_replaced(cohort: Cohort, sessions: list[CohortSession]) -> None:
    """People who already hold a place planned around the old sessions: they are told, once, that all have changed."""
    change = SessionChange.objects.create(
        cohort=cohort,
        kind=SessionChange.Kind.REPLACED,
        title=f"{len(sessions)} session{pluralize(len(sessions))}",
        starts_at=sessions[0].starts_at,
        ends_at=max(session.ends_at for session in sessions),
    )
    tasks.send_session_change_emails.enqueue_on_commit(change.pk)


def _tell_place_holders(session: CohortSession, kind: str, previous_starts_at=None) -> None:
    """Records the change as the e-mail will tell it, and enqueues the e-mail once the change commits."""
    change = SessionChange.objects.create(
        cohort_id=session.cohort_id,
        session=session,
        kind=kind,
        title=session.title,
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        place=session.place,
        joining_url=session.joining_url,
        previous_starts_at=previous_starts_at,
    )
    tasks.send_session_change_emails.enqueue_on_commit(change.pk)


def attendance_refusal(session: CohortSession, now=None) -> str:
    """Why attendance cannot be taken for the session yet, or "": nobody has attended a session not yet begun."""
    if session.starts_at <= (now or timezone.now()):
        return ""
    when = formats.date_format(timezone.localtime(session.starts_at), "j F Y, H:i")
    return f"Attendance can be taken once the session has begun, at {when}."


@transaction.atomic
def attendance_record(
    *, admin: User, session_id: int, attended_ids: set[int], now=None, actor_label: str = ""
) -> int:
    """Records attendance for every participant of the session's cohort at once: ticked attended, others not.
    `actor_label` names what acted for the admin (an academy API token) in the audit log."""
    session = CohortSession.objects.filter(pk=session_id, cohort__academy__in=academies_run_by(admin)).first()
    if session is None:
        raise EnrolmentError("There is no such session.")
    refusal = attendance_refusal(session, now)
    if refusal:
        raise EnrolmentError(refusal)
    participants = list(
        Application.objects.filter(cohort_id=session.cohort_id, status__in=PARTICIPANTS).values_list("pk", flat=True)
    )
    unknown = attended_ids - set(participants)
    if unknown:
        raise InvalidInput({"attended": "Only the cohort's participants can be marked as attending."})
    rows = [Attendance(session=session, application_id=pk, attended=pk in attended_ids) for pk in participants]
    Attendance.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["session", "application"], update_fields=["attended", "recorded_at"]
    )
    audit_record(
        action=AuditEntry.Action.ATTENDANCE_RECORDED,
        actor=admin,
        actor_label=actor_label,
        target=session,
        summary=f"{len(attended_ids)} attended, {len(rows) - len(attended_ids)} absent",
    )
    return len(rows)


def _admin_cohort(admin: User, cohort_id: int) -> Cohort:
    cohort = Cohort.objects.filter(pk=cohort_id, academy__in=academies_run_by(admin)).first()
    if cohort is None:
        raise EnrolmentError("There is no such cohort.")
    return cohort
