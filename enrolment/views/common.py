"""What the views of applying and enrolling share: turning a rule's "no" into a message."""

from django.contrib import messages
from django.shortcuts import redirect

from enrolment.models import EnrolmentError


def refuse(request, error: EnrolmentError, to: str, *args):
    """Shows why a rule refused the request and sends the user back; the service changed nothing."""
    messages.error(request, str(error))
    return redirect(to, *args)
