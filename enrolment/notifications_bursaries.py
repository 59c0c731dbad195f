"""The e-mails of a bursary decision: one to the applicant, one to the cohort's finance team if it has an address.
Each is keyed by the application, so a re-run of the task sends neither again."""

from portal.notifications import email_send_once

from .bursaries import BursaryState
from .models import Application

DECIDED = (BursaryState.AWARDED, BursaryState.REFUSED)


def bursary_decision_emails_send(*, application_id: int) -> int:
    application = (
        Application.objects.select_related("applicant", "programme", "cohort__academy")
        .filter(pk=application_id, bursary_state__in=DECIDED)
        .first()
    )
    if application is None:
        return 0
    context = {"application": application, "awarded": application.bursary_state == BursaryState.AWARDED}
    subject = f"Bursary decision: {application.programme.title}, {application.cohort.name}"
    sent = email_send_once(
        key=f"application:{application.pk}:bursary-decision",
        to=application.applicant.email,
        subject=subject,
        template="bursary_decision",
        context=context,
    )
    if application.cohort.finance_email:
        sent += email_send_once(
            key=f"application:{application.pk}:bursary-finance",
            to=application.cohort.finance_email,
            subject=subject,
            template="bursary_finance",
            context=context,
        )
    return int(sent)
