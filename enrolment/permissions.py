"""Who may see which cohorts and applications: every view and service scopes its queries through here."""

from django.db.models import Exists, OuterRef, Q
from django.db.models.signals import post_save

from academies.models import Academy
from academies.permissions import users_with_roles
from enrolment.models import Application, Cohort, Enrolment, Nomination, PlaceAllocation, RingFenceDeclaration
from portal.models import IntegratedCareSystem
from portal.signed_in import signed_in_forget_when_changed, signed_in_user_forget


def academy_admin_cohorts(user):
    return Cohort.objects.filter(academy__in=Academy.objects.for_admin(user))


def is_national_admin(user) -> bool:
    return user.is_active and user.is_national_admin


def academies_planned_by(user):
    """Academies a user may create cohorts for: an academy admin their own (the workspace), a national admin any
    (the Django admin, where nobody else is let in)."""
    return Academy.objects.all() if is_national_admin(user) else Academy.objects.for_admin(user)


def cohorts_changeable_by(user):
    """Cohorts a user may change or cancel: of the academies they plan for (academies_planned_by)."""
    return Cohort.objects.filter(academy__in=academies_planned_by(user))


def academy_admin_declarations(user):
    """Declarations for ring-fenced places: only the academy deciding the cohort whose places they are sees them."""
    return RingFenceDeclaration.objects.filter(allocation__cohort__in=academy_admin_cohorts(user))


def academy_admin_applications(user):
    return Application.objects.for_academy_admin(user)


def applicant_applications(user):
    return Application.objects.for_applicant(user)


def learner_enrolments(user):
    return Enrolment.objects.filter(learner=user)


def nominator_allocations(user):
    """Allocations a user may nominate for: their ICS's, as its ICS lead, or an organisation's naming them."""
    if not user.is_authenticated:
        return PlaceAllocation.objects.none()
    return PlaceAllocation.objects.filter(
        Q(ics__in=IntegratedCareSystem.objects.for_lead(user)) | Q(nominator=user)
    ).exclude(cohort__status=Cohort.Status.CANCELLED)


# Whether an allocation of a running cohort names the user its nominator: read with the signed-in user
# (academies.permissions.held_roles_register), so the header's link costs no query.
HOLDS_NOMINATION = Exists(
    PlaceAllocation.objects.filter(nominator=OuterRef("pk")).exclude(cohort__status=Cohort.Status.CANCELLED)
)


def nominators_forget_when_changed() -> None:
    """An allocation names its nominator (a role row: portal.signed_in), and a cohort cancelled takes the role its
    allocations gave away from their nominators."""
    signed_in_forget_when_changed(PlaceAllocation, "nominator")
    post_save.connect(_cohort_saved, sender=Cohort, dispatch_uid="signed-in:cohort")


def _cohort_saved(sender, instance, **kwargs):
    if instance.status == Cohort.Status.CANCELLED:
        signed_in_user_forget(*instance.allocations.values_list("nominator_id", flat=True))


def may_nominate(user) -> bool:
    """Whether the header offers "Nominate staff": to an ICS lead (their page says when their system has no
    places) or to someone an allocation of a running cohort names."""
    if not user.is_authenticated:
        return False
    if not hasattr(user, "holds_nomination"):
        user = users_with_roles().get(pk=user.pk)
    return user.holds_ics_lead or user.holds_nomination


def nominee_nominations(user):
    """Nominations of the user's own e-mail address: only the nominee may take one up."""
    return Nomination.objects.filter(email__iexact=user.email)
