"""An academy signs off its learners: completed or did not complete, with a certificate for each completion."""

from django.db import transaction
from django.utils import formats, timezone

from enrolment.models import Application, Certificate, Cohort, EnrolmentError
from portal.audit import audit_record
from portal.models import AuditEntry, User

from ..selectors import academies_run_by
from .cohorts import InvalidInput
from .locking import cohort_lock
from .open_access import MAX_CPD_HOURS
from .transitions import application_transition


def outcomes_refusal(cohort: Cohort, now=None) -> str:
    """Why no outcome can be recorded for the cohort now, or "": nobody completes a cohort that has not begun."""
    if cohort.status == Cohort.Status.CANCELLED:
        return "This cohort is cancelled, so it has no outcomes to record."
    if timezone.localdate(now or timezone.now()) < cohort.starts_on:
        starts = formats.date_format(cohort.starts_on, "j F Y")
        return f"Outcomes can be recorded once the cohort has started, on {starts}."
    return ""


def completion_record(
    *, admin: User, cohort_id: int, outcomes: dict[int, bool], cpd_hours: int | None, now=None, actor_label: str = ""
) -> int:
    """Records each learner's outcome (True for completed) and issues certificates; returns how many completed.
    `actor_label` names what acted for the admin (an academy API token) in the history and the audit log."""
    if not academies_run_by(admin).filter(cohorts__pk=cohort_id).exists():
        raise EnrolmentError("There is no such cohort.")
    if cpd_hours is not None and not 1 <= cpd_hours <= MAX_CPD_HOURS:
        raise EnrolmentError(f"Enter the CPD hours as a whole number from 1 to {MAX_CPD_HOURS}, or leave them empty.")
    with transaction.atomic():
        cohort = cohort_lock(cohort_id=cohort_id)
        refusal = outcomes_refusal(cohort, now)
        if refusal:
            raise EnrolmentError(refusal)
        learners = {
            application.pk: application
            for application in Application.objects.select_for_update()
            .select_related("applicant")
            .filter(cohort=cohort, status=Application.Status.ACCEPTED, pk__in=outcomes)
        }
        if set(outcomes) - set(learners):
            raise InvalidInput(
                {"outcomes": "Outcomes can be recorded only for learners with an accepted place on this cohort."}
            )
        hours = cpd_hours if cpd_hours is not None else cohort.cpd_hours
        for pk, completed in outcomes.items():
            application = learners[pk]
            status = Application.Status.COMPLETED if completed else Application.Status.DID_NOT_COMPLETE
            application_transition(application, status, actor=admin, actor_label=actor_label)
            if completed:
                Certificate.objects.create(
                    holder=application.applicant,
                    holder_name=application.applicant.full_name or application.applicant.email,
                    programme_id=cohort.programme_id,
                    application=application,
                    cpd_hours=hours,
                )
        completed = sum(outcomes.values())
        audit_record(
            action=AuditEntry.Action.OUTCOMES_RECORDED,
            actor=admin,
            actor_label=actor_label,
            target=cohort,
            summary=f"{completed} completed, {len(outcomes) - completed} did not complete",
        )
    return completed
