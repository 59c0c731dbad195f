"""Open-access programmes such as Edward Jenner: enrol at once, complete, and get a certificate."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from enrolment.models import Certificate, Enrolment, EnrolmentError
from portal.locking import lock_row
from portal.models import User
from programmes.models import Programme

MAX_CPD_HOURS = 500


def enrolment_start(*, learner: User, programme: Programme) -> Enrolment:
    """Enrols at once; enrolling again returns the existing enrolment, even when two clicks race."""
    if not programme.is_open_access:
        raise EnrolmentError("This programme takes applications to a cohort, not open enrolment.")
    try:
        with transaction.atomic():
            enrolment, _ = Enrolment.objects.get_or_create(learner=learner, programme=programme)
    except IntegrityError:
        enrolment = Enrolment.objects.get(learner=learner, programme=programme)
    return enrolment


@transaction.atomic
def enrolment_complete(*, enrolment_id: int, learner: User, cpd_hours: int) -> Certificate:
    """Marks the programme complete and issues the certificate with the hours of learning the learner records,
    which nurses and midwives can use as evidence of participatory learning for revalidation."""
    enrolment = lock_row(Enrolment.objects, pk=enrolment_id, learner=learner)
    if enrolment is None:
        raise EnrolmentError("There is no such enrolment.")
    if enrolment.status == Enrolment.Status.COMPLETED:
        raise EnrolmentError("You have already completed this programme.")
    if not 1 <= cpd_hours <= MAX_CPD_HOURS:
        raise EnrolmentError(f"Enter the hours of learning as a whole number from 1 to {MAX_CPD_HOURS}.")
    enrolment.move_to(Enrolment.Status.COMPLETED)
    enrolment.completed_at = timezone.now()
    enrolment.save(update_fields=["status", "completed_at"])
    certificate = Certificate(
        holder=learner,
        holder_name=learner.full_name or learner.email,
        programme=enrolment.programme,
        enrolment=enrolment,
        cpd_hours=cpd_hours,
    )
    certificate.full_clean()
    certificate.save()
    return certificate
