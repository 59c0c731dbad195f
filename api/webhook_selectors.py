"""The academy API's reads of webhook deliveries: those of the token's academy's endpoints, as its creator sees
them on the workspace's pages."""

from django.db.models import Prefetch, QuerySet

from academies.models import AcademyApiToken
from enrolment.models import WebhookAttempt, WebhookDelivery
from enrolment.permissions import academies_planned_by


def token_webhook_deliveries(token: AcademyApiToken, *, endpoint_id: int | None = None) -> QuerySet[WebhookDelivery]:
    """Deliveries to the token's academy's endpoints (or to one of them), newest first, each with its endpoint and
    its attempts (newest first), in a constant number of queries however many there are."""
    deliveries = WebhookDelivery.objects.filter(
        endpoint__academy=token.academy_id, endpoint__academy__in=academies_planned_by(token.created_by)
    )
    if endpoint_id is not None:
        deliveries = deliveries.filter(endpoint=endpoint_id)
    return (
        deliveries.select_related("endpoint")
        .prefetch_related(Prefetch("attempts", queryset=WebhookAttempt.objects.order_by("-started_at", "-pk")))
        .order_by("-created_at", "-pk")
    )
