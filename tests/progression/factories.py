import factory
from dateutil.relativedelta import relativedelta
from django.utils import timezone
from factory.django import DjangoModelFactory

from enrolment.models import Application, Certificate
from progression.models import FollowUp
from tests.enrolment.factories import ApplicationFactory


def completed_place(*, months_ago: float = 0, days_ago: int = 0, **fields) -> Application:
    """A place completed `months_ago` months (and `days_ago` days) ago, with its certificate, as
    enrolment.services.completion records it; the applicant applied at band 5 unless `grade` says otherwise."""
    fields.setdefault("grade", "band_5")
    application = ApplicationFactory(accepted=True, **fields)
    Application.objects.filter(pk=application.pk).update(status=Application.Status.COMPLETED)
    application.refresh_from_db()
    Certificate.objects.create(
        holder=application.applicant,
        holder_name=application.applicant.full_name or application.applicant.email,
        programme=application.programme,
        application=application,
        issued_at=timezone.now() - relativedelta(months=months_ago, days=days_ago),
    )
    return application


class FollowUpFactory(DjangoModelFactory):
    """The 6-month question about a place completed 6 months ago, unanswered."""

    class Meta:
        model = FollowUp

    application = factory.LazyFunction(lambda: completed_place(months_ago=6))
    point = FollowUp.Point.SIX_MONTHS
    completed_at = factory.LazyAttribute(lambda follow_up: follow_up.application.certificate.issued_at)
