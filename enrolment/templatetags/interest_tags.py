from django import template
from django.urls import reverse
from django.utils import timezone

register = template.Library()


@register.simple_tag
def interest_offer_url(programme, cohorts) -> str:
    """Where to ask "tell me when applications open", for a programme page none of whose upcoming `cohorts` is open
    for applications; "" when one is open, or the programme has no cohorts at all (open access). No query."""
    now = timezone.now()
    if programme.is_open_access or any(cohort.is_open_for_applications(now) for cohort in cohorts):
        return ""
    return reverse("enrolment:interest_register", args=[programme.slug])
