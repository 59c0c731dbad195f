"""What a service raises when one of the portal's rules says no."""


class RuleError(Exception):
    """A rule said no and nothing was changed; the message is written for the person who asked.

    Each app's services raise it, or a subclass of it, under the app's own name (enrolment.models.EnrolmentError,
    coaching.models.CoachingError), so a view that catches its app's error also catches the refusals every app
    shares: an invalid status change (portal.transitions) and a row too busy to lock (portal.locking).
    """
