"""An academy signs off its learners: completed or did not complete, with a certificate for each completion."""

from django.db import transaction
from django.utils import timezone

from enrolment.models import Application, Certificate, EnrolmentError
from portal.audit import audit_record
from portal.models import AuditEntry, User

from .cohorts import academies_run_by
from .locking import cohort_lock
from .transitions import application_transition


def completion_record(*, admin: User, cohort_id: int, outcomes: dict[int, bool], cpd_hours: int | None) -> int:
    """Records each learner's outcome (True for completed) and issues certificates; returns how many completed."""
    if not academies_run_by(admin).filter(cohorts__pk=cohort_id).exists():
        raise EnrolmentError("There is no such cohort.")
    with transaction.atomic():
        cohort = cohort_lock(cohort_id=cohort_id)
        if timezone.localdate() < cohort.starts_on:
            raise EnrolmentError("Outcomes can be recorded once the cohort has started.")
        learners = {
            application.pk: application
            for application in Application.objects.select_for_update()
            .select_related("applicant")
            .filter(cohort=cohort, status=Application.Status.ACCEPTED, pk__in=outcomes)
        }
        if set(outcomes) - set(learners):
            raise EnrolmentError("Outcomes can be recorded only for learners with an accepted place on this cohort.")
        hours = cpd_hours if cpd_hours is not None else cohort.cpd_hours
        for pk, completed in outcomes.items():
            application = learners[pk]
            status = Application.Status.COMPLETED if completed else Application.Status.DID_NOT_COMPLETE
            application_transition(application, status, actor=admin)
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
            target=cohort,
            summary=f"{completed} completed, {len(outcomes) - completed} did not complete",
        )
    return completed
