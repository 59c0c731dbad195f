"""The statuses of coach profiles and coaching requests, and how each shows (portal.presentation)."""

from django.db import models

from portal.presentation import StatusPresentation


class CoachProfileStatus(models.TextChoices):
    PENDING = "pending", "Awaiting approval"
    APPROVED = "approved", "Approved"
    REJECTED = "rejected", "Not approved"


COACH_PROFILE_PRESENTATION = {
    CoachProfileStatus.PENDING: StatusPresentation(tag_colour="blue"),
    CoachProfileStatus.APPROVED: StatusPresentation(tag_colour="green"),
    CoachProfileStatus.REJECTED: StatusPresentation(tag_colour="red"),
}


class CoachingRequestStatus(models.TextChoices):
    REQUESTED = "requested", "Awaiting a reply"
    ACCEPTED = "accepted", "Active"
    DECLINED = "declined", "Declined"
    WITHDRAWN = "withdrawn", "Withdrawn"
    CLOSED = "closed", "Closed"


COACHING_REQUEST_PRESENTATION = {
    CoachingRequestStatus.REQUESTED: StatusPresentation(tag_colour="blue"),
    CoachingRequestStatus.ACCEPTED: StatusPresentation(tag_colour="green"),
    CoachingRequestStatus.DECLINED: StatusPresentation(tag_colour="red"),
    CoachingRequestStatus.WITHDRAWN: StatusPresentation(tag_colour="grey"),
    CoachingRequestStatus.CLOSED: StatusPresentation(tag_colour="grey"),
}
