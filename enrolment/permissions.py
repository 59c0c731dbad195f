"""Who may see which cohorts and applications: every view and service scopes its queries through here."""

from academies.models import Academy
from enrolment.models import Application, Cohort, Enrolment


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


def academy_admin_applications(user):
    return Application.objects.for_academy_admin(user)


def applicant_applications(user):
    return Application.objects.for_applicant(user)


def learner_enrolments(user):
    return Enrolment.objects.filter(learner=user)
