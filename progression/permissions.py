"""Who may see what of follow-ups: a person only their own. Reads are scoped by querysets, so another person's
follow-up is not found (a 404). The e-mailed link is its own key (links.py)."""

from django.db.models import QuerySet

from .models import FollowUp


def follow_ups_of(person) -> QuerySet[FollowUp]:
    if not person.is_authenticated:
        return FollowUp.objects.none()
    return FollowUp.objects.filter(application__applicant=person)
