"""Nominations: a nominator names a person for one of an allocation's places; the person is invited, by e-mail, to
complete an application, whose place is then charged to that allocation (enrolment.services.allocations).

A nomination is made under the cohort lock, so an allocation never has more people nominated than places.
"""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from enrolment import tasks
from enrolment.models import ACTIVE, Application, Cohort, EnrolmentError, Nomination, PlaceAllocation
from enrolment.permissions import nominator_allocations, nominee_nominations
from portal.locking import lock_row
from portal.models import StaffProfile, User

from .applications import application_start
from .locking import cohort_lock


class NominationRefused(EnrolmentError):
    """The nomination breaks a rule; the message says which, for the form's e-mail field."""

    def __init__(self, message: str):
        super().__init__(message)
        self.problems = {"email": message}


def nomination_create(*, nominator: User, allocation_id: int, email: str) -> Nomination:
    """Nominates the person with this e-mail address for one of the allocation's places, if the nominator may
    nominate for it, a place of it is not yet nominated, the person is not nominated for the cohort already and
    does not work for another organisation or system, and the nominator has not used up their own share of the
    allocation (per_nominator). The person is e-mailed once the nomination is saved."""
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise NominationRefused("Enter an e-mail address in the correct format, like name@example.nhs.uk") from None
    allocation = nominator_allocations(nominator).filter(pk=allocation_id).first()
    if allocation is None:
        raise EnrolmentError("You cannot nominate for that allocation: it is for another organisation or system.")
    with transaction.atomic():
        cohort = cohort_lock(cohort_id=allocation.cohort_id)
        allocation = PlaceAllocation.objects.get(pk=allocation.pk)
        _check_nomination(allocation, cohort, email)
        _check_nominator_limit(allocation, nominator)
        nomination = Nomination.objects.create(
            allocation=allocation, cohort=cohort, email=email, nominated_by=nominator
        )
        tasks.send_nomination_email.enqueue_on_commit(nomination.pk)
    return nomination


def _check_nomination(allocation: PlaceAllocation, cohort: Cohort, email: str) -> None:
    """The rules of nominating `email`, read under the cohort lock."""
    if not cohort.is_open_for_applications():
        raise NominationRefused(f"Applications to {cohort.name} are not open, so nobody can be nominated for it.")
    if Nomination.objects.filter(cohort=cohort, email=email).exists():
        raise NominationRefused(f"{email} is already nominated for {cohort.name}.")
    if allocation.nominations.live().count() >= allocation.places:
        raise NominationRefused(f"All {allocation.places} places of this allocation are already nominated.")
    workplace = StaffProfile.objects.filter(user__email__iexact=email, organisation__isnull=False).first()
    if workplace and not _works_in(workplace, allocation):
        raise NominationRefused(
            f"{email} works for {workplace.organisation}, not in {allocation.area}: nominate your own staff."
        )


def _check_nominator_limit(allocation: PlaceAllocation, nominator: User) -> None:
    """Each nominator nominates at most the allocation's per_nominator places; read under the cohort lock."""
    if allocation.per_nominator is None:
        return
    if allocation.nominations.live().filter(nominated_by=nominator).count() >= allocation.per_nominator:
        raise NominationRefused(
            "You have used your share of this allocation: each nominator may nominate at most "
            f"{allocation.per_nominator} of its places."
        )


def _works_in(profile: StaffProfile, allocation: PlaceAllocation) -> bool:
    if allocation.organisation_id:
        return profile.organisation_id == allocation.organisation_id
    return profile.organisation.ics_id == allocation.ics_id


def nomination_take_up(*, nomination_id: int, nominee: User) -> Application:
    """The nominee's application for the nominated cohort: their open one to the programme, or a new draft for
    the cohort, which records the nomination. A nomination whose application has ended cannot be taken up again."""
    nomination = nominee_nominations(nominee).select_related("cohort__programme").filter(pk=nomination_id).first()
    if nomination is None:
        raise EnrolmentError("There is no such nomination.")
    application = application_start(applicant=nominee, programme=nomination.cohort.programme)
    with transaction.atomic():
        nomination = lock_row(Nomination.objects, pk=nomination.pk)
        application = lock_row(Application.objects, pk=application.pk)
        if nomination.application_id not in (None, application.pk):
            raise EnrolmentError("This nomination was used for an application that has now closed.")
        if application.status not in ACTIVE:
            raise EnrolmentError("Your application to this programme has closed.")
        if Nomination.objects.filter(application=application).exclude(pk=nomination.pk).exists():
            raise EnrolmentError("Your application to this programme already records another nomination.")
        if application.is_draft and application.cohort_id is None:
            application.cohort = nomination.cohort
            application.save(update_fields=["cohort", "updated_at"])
        nomination.application = application
        nomination.save(update_fields=["application"])
    return application
