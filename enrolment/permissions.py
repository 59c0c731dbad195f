"""Who may see which cohorts and applications: every view and service scopes its queries through here."""

from academies.models import Academy
from enrolment.models import Application, Cohort, Enrolment
from portal.permissions import user_roles


def academy_admin_cohorts(user):
    return Cohort.objects.filter(academy__in=Academy.objects.for_admin(user))


def academy_admin_applications(user):
    return Application.objects.for_academy_admin(user)


def applicant_applications(user):
    return Application.objects.for_applicant(user)


def learner_enrolments(user):
    return Enrolment.objects.filter(learner=user)


def is_academy_admin(user) -> bool:
    return user_roles(user).is_academy_admin
