"""The statuses of cohorts, applications and enrolments, and how each shows: its tag, the applicant's next step
and the e-mail the applicant gets on reaching it (portal.presentation). Pages and e-mails read these tables only.

The e-mails' {fields} come from enrolment.notifications.message_fields; the next steps' from
Application.presentation_fields.
"""

from django.db import models

from portal.presentation import StatusPresentation


class CohortStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    OPEN = "open", "Open for applications"
    CLOSED = "closed", "Applications closed"
    RUNNING = "running", "Running"
    FINISHED = "finished", "Finished"
    CANCELLED = "cancelled", "Cancelled"


COHORT_PRESENTATION = {status: StatusPresentation() for status in CohortStatus}


class Status(models.TextChoices):
    """An application's status."""

    DRAFT = "draft", "Draft"
    AWAITING_MANAGER = "awaiting_manager", "Waiting for your line manager"
    UNDER_REVIEW = "under_review", "Being reviewed by the academy"
    NOT_SUPPORTED = "not_supported", "Not supported by your line manager"
    WAITLISTED = "waitlisted", "On the waiting list"
    OFFERED = "offered", "Place offered"
    ACCEPTED = "accepted", "Place accepted"
    DECLINED = "declined", "Offer declined"
    OFFER_EXPIRED = "offer_expired", "Offer expired"
    UNSUCCESSFUL = "unsuccessful", "Unsuccessful"
    WITHDRAWN = "withdrawn", "Withdrawn"
    COMPLETED = "completed", "Completed"
    DID_NOT_COMPLETE = "did_not_complete", "Did not complete"
    COHORT_CANCELLED = "cohort_cancelled", "Cohort cancelled"


OPEN = [Status.DRAFT, Status.AWAITING_MANAGER, Status.UNDER_REVIEW, Status.WAITLISTED, Status.OFFERED]
ACTIVE = [*OPEN, Status.ACCEPTED]
PLACE_HOLDING = [Status.OFFERED, Status.ACCEPTED, Status.COMPLETED, Status.DID_NOT_COMPLETE]
NEEDS_COHORT = [*PLACE_HOLDING, Status.WAITLISTED]
PARTICIPANTS = [Status.ACCEPTED, Status.COMPLETED, Status.DID_NOT_COMPLETE]
# Offered a place at some time, whatever happened next.
EVER_OFFERED = [*PLACE_HOLDING, Status.DECLINED, Status.OFFER_EXPIRED]

# The times an application records when it moves, {(from, to): fields set to the moment of the move}: Application.moved
# stamps them, so the services and devdata's scale data set, which dates its histories by this table, agree.
MOVE_STAMPS = {
    (Status.DRAFT, Status.AWAITING_MANAGER): ("submitted_at", "manager_requested_at"),
    (Status.DRAFT, Status.UNDER_REVIEW): ("submitted_at",),
    (Status.AWAITING_MANAGER, Status.UNDER_REVIEW): ("manager_responded_at",),
    (Status.AWAITING_MANAGER, Status.NOT_SUPPORTED): ("manager_responded_at",),
    (Status.UNDER_REVIEW, Status.WAITLISTED): ("waitlisted_at",),
    (Status.UNDER_REVIEW, Status.OFFERED): ("offered_at",),
    (Status.WAITLISTED, Status.OFFERED): ("offered_at",),
}

# The statuses an academy's decision moves an application to (offer, waiting list, unsuccessful).
DECISION_OUTCOMES = frozenset({Status.OFFERED, Status.WAITLISTED, Status.UNSUCCESSFUL})

NOTHING_MORE = "Nothing more to do."

APPLICATION_PRESENTATION = {
    Status.DRAFT: StatusPresentation(tag_colour="grey", next_step="Finish and submit your application."),
    Status.AWAITING_MANAGER: StatusPresentation(
        academy_label="Waiting for the line manager's support",
        next_step="We have asked your line manager to support your application.",
        email_subject="Application submitted",
        email_message="We have asked your line manager ({manager}) to support your application to {programme}. "
        "We will tell you when they answer.",
    ),
    Status.UNDER_REVIEW: StatusPresentation(
        academy_label="Waiting for your decision",
        next_step="The academy is reviewing your application.",
        email_subject="Your application is with the academy",
        email_message="Your application to {programme} is now with the academy, which will decide on it.",
    ),
    Status.NOT_SUPPORTED: StatusPresentation(
        academy_label="Not supported by the line manager",
        tag_colour="white",
        next_step=NOTHING_MORE,
        email_subject="Your line manager did not support your application",
        email_message="Your line manager did not support your application to {programme}. {reason}",
    ),
    Status.WAITLISTED: StatusPresentation(
        tag_colour="yellow",
        next_step="You are number {position} on the waiting list. We will offer you a place if one frees up.",
        email_subject="You are on the waiting list",
        email_message="You are on the waiting list for {cohort} of {programme}. If a place frees up, we will offer "
        "it to you in your turn.",
    ),
    Status.OFFERED: StatusPresentation(
        tag_colour="green",
        next_step="Accept or decline your place by {deadline}.",
        email_subject="You have been offered a place",
        email_message="You have been offered a place on {cohort} of {programme}. Accept or decline it by "
        "{deadline}: after that the offer expires and the place goes to someone else.",
    ),
    Status.ACCEPTED: StatusPresentation(
        tag_colour="blue",
        next_step="Your place is confirmed. The cohort starts on {starts}.",
        email_subject="Your place is confirmed",
        email_message="You have accepted your place on {cohort} of {programme}. It starts on {starts}.",
    ),
    Status.DECLINED: StatusPresentation(
        tag_colour="white",
        next_step=NOTHING_MORE,
        email_subject="You declined your place",
        email_message="You declined your place on {cohort} of {programme}.",
    ),
    Status.OFFER_EXPIRED: StatusPresentation(
        tag_colour="white",
        next_step=NOTHING_MORE,
        email_subject="Your offer has expired",
        email_message="Your offer of a place on {cohort} of {programme} was not accepted by its deadline, so it has "
        "expired.",
    ),
    Status.UNSUCCESSFUL: StatusPresentation(
        tag_colour="white",
        next_step=NOTHING_MORE,
        email_subject="Your application was unsuccessful",
        email_message="Your application to {programme} was unsuccessful. {reason}",
    ),
    Status.WITHDRAWN: StatusPresentation(
        tag_colour="white",
        next_step=NOTHING_MORE,
        email_subject="You withdrew your application",
        email_message="You withdrew your application to {programme}.",
    ),
    Status.COMPLETED: StatusPresentation(
        tag_colour="blue",
        next_step=NOTHING_MORE,
        email_subject="You have completed the programme",
        email_message="Congratulations: you have completed {programme}. Your certificate is in My learning.",
    ),
    Status.DID_NOT_COMPLETE: StatusPresentation(
        tag_colour="white",
        next_step=NOTHING_MORE,
        email_subject="Your programme record is closed",
        email_message="The academy has recorded that you did not complete {programme}.",
    ),
    Status.COHORT_CANCELLED: StatusPresentation(
        next_step=NOTHING_MORE,
        email_subject="Your cohort has been cancelled",
        email_message="{cohort} of {programme} has been cancelled, so your application is closed. The academy "
        "said: {reason}",
    ),
}


class EnrolmentStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"


ENROLMENT_PRESENTATION = {status: StatusPresentation() for status in EnrolmentStatus}


class RejectionReason(models.TextChoices):
    """Why an application is unsuccessful (as DfE Apply's reasons for rejection): the academy picks at least one."""

    CRITERIA = "criteria", "Does not meet the programme's criteria"
    STATEMENT = "statement", "The supporting statement does not show why the programme fits the applicant"
    NO_PLACE = "no_place", "No place left: the cohort is full"
    MANAGER = "manager", "The line manager did not support the application"
    OTHER = "other", "Another reason (say what below)"


# Each reason as the applicant reads it.
REJECTION_REASON_TEXT = {
    RejectionReason.CRITERIA: "Your application does not show that you meet the programme's criteria.",
    RejectionReason.STATEMENT: "Your supporting statement does not show why the programme is right for you "
    "and your work.",
    RejectionReason.NO_PLACE: "There is no place left: the cohort is full.",
    RejectionReason.MANAGER: "Your line manager did not support your application.",
    RejectionReason.OTHER: "Another reason, which the academy gives below.",
}
