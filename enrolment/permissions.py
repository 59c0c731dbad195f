"""Who may see which cohorts and applications: every view and service scopes its queries through here."""

from academies.models import Academy
from enrolment.models import Application, Cohort, Enrolment


def academy_admin_cohorts(user):
    return Cohort.objects.filter(academy__in=Academy.objects.for_admin(user))


def academy_admin_applications(user):
    return Application.objects.for_academy_admin(user)


def applicant_applications(user):
    return Application.objects.for_applicant(user)


def learner_enrolments(user):
    return Enrolment.objects.filter(learner=user)
