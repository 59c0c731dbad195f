"""Where each person starts after signing in: where their work is, by the roles they hold."""

from django.urls import reverse

from academies.permissions import user_roles
from enrolment.permissions import applicant_applications, learner_enrolments


def landing_url(user) -> str:
    """National admins on the national view, academy admins on their workspace, ICS leads on their dashboard;
    anyone else on "My applications", "My learning" when they only enrol, or the catalogue when they have neither."""
    roles = user_roles(user)
    if roles.is_national_admin:
        return reverse("reporting:national")
    if roles.is_academy_admin:
        return reverse("enrolment:workspace")
    if roles.is_ics_lead:
        return reverse("reporting:systems")
    if applicant_applications(user).exists():
        return reverse("enrolment:applications")
    if learner_enrolments(user).exists():
        return reverse("enrolment:learning")
    return reverse("programmes:list")
