"""Webhooks: an academy admin registers, changes and deletes the endpoints of their academy (audited); each event
an endpoint wants becomes a WebhookDelivery row in the transaction that made the event, and a task, through the
outbox, posts it (enrolment.webhook_sender)."""

import ipaddress
import socket
import uuid
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from enrolment import tasks
from enrolment.models import Application, ApplicationEvent, Cohort, EnrolmentError
from enrolment.permissions import academies_planned_by
from enrolment.statuses import DECISION_OUTCOMES, Status
from enrolment.webhooks import WebhookDelivery, WebhookEndpoint, WebhookEvent
from portal.audit import audit_record
from portal.locking import lock_row
from portal.models import AuditEntry, User

ENDPOINTS_PER_ACADEMY = 10


class WebhookRefused(EnrolmentError):
    """An endpoint's fields break a rule: `problems` maps each field (None: the whole) to what is wrong."""

    def __init__(self, problems: dict[str | None, str]):
        super().__init__(" ".join(problems.values()))
        self.problems = problems


def webhook_url_problem(url: str) -> str | None:
    """Why the portal will not post to `url`, or None: HTTPS only, to a host whose every address is public (no
    private, loopback, link-local, multicast or reserved address). WEBHOOKS_ALLOW_LOOPBACK, set by the test
    settings only, lets http:// and loopback through, for a receiver on the test's own machine."""
    allow_loopback = getattr(settings, "WEBHOOKS_ALLOW_LOOPBACK", False)
    parts = urlsplit(url)
    if parts.scheme != "https" and not (allow_loopback and parts.scheme == "http"):
        return "Enter an address that starts with https://"
    if not parts.hostname or parts.username or parts.password:
        return "Enter an address with a host name and no user name or password in it"
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(parts.hostname, parts.port or 443)}
    except (socket.gaierror, UnicodeError, ValueError):
        return f"The host {parts.hostname} could not be found"
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
        if not (allow_loopback and ip.is_loopback) and not _is_public(ip):
            return f"The host {parts.hostname} is on a private, loopback or link-local address ({ip}), which is refused"
    return None


def _is_public(ip) -> bool:
    closed = (ip.is_private, ip.is_loopback, ip.is_link_local, ip.is_multicast, ip.is_reserved, ip.is_unspecified)
    return ip.is_global and not any(closed)


def _endpoint_problems(url: str, events: list[str]) -> dict[str | None, str]:
    problems = {}
    url_problem = webhook_url_problem(url)
    if url_problem:
        problems["url"] = url_problem
    if not events or any(event not in WebhookEvent.values for event in events):
        problems["events"] = "Choose at least one of the events listed"
    return problems


@transaction.atomic
def webhook_endpoint_create(*, admin: User, academy_id: int, url: str, events: list[str]) -> WebhookEndpoint:
    """Registers an endpoint; its secret, generated here, is shown to the admin once, by the page that called."""
    academy = lock_row(academies_planned_by(admin), pk=academy_id)
    if academy is None:
        raise WebhookRefused({"academy": "You are not an admin of that academy"})
    problems = _endpoint_problems(url, events)
    if academy.webhook_endpoints.count() >= ENDPOINTS_PER_ACADEMY:
        problems[None] = f"An academy can have at most {ENDPOINTS_PER_ACADEMY} endpoints: delete one first"
    if problems:
        raise WebhookRefused(problems)
    endpoint = WebhookEndpoint.objects.create(academy=academy, url=url, events=sorted(set(events)), created_by=admin)
    audit_record(action=AuditEntry.Action.WEBHOOK_CREATED, actor=admin, target=endpoint, summary=_summary(endpoint))
    return endpoint


@transaction.atomic
def webhook_endpoint_update(*, admin: User, endpoint_id: int, url: str, events: list[str]) -> WebhookEndpoint:
    endpoint = _own_endpoint_locked(admin, endpoint_id)
    problems = _endpoint_problems(url, events)
    if problems:
        raise WebhookRefused(problems)
    endpoint.url, endpoint.events = url, sorted(set(events))
    endpoint.save(update_fields=["url", "events"])
    audit_record(action=AuditEntry.Action.WEBHOOK_UPDATED, actor=admin, target=endpoint, summary=_summary(endpoint))
    return endpoint


@transaction.atomic
def webhook_endpoint_delete(*, admin: User, endpoint_id: int) -> None:
    endpoint = _own_endpoint_locked(admin, endpoint_id)
    audit_record(action=AuditEntry.Action.WEBHOOK_DELETED, actor=admin, target=endpoint, summary=_summary(endpoint))
    endpoint.delete()


@transaction.atomic
def webhook_delivery_resend(*, admin: User, delivery_id: int, actor_label: str = "") -> WebhookDelivery:
    """Sends a delivery again, with the same event id: a new attempt, recorded like the others. `actor_label` names
    what acted for the admin (an API token), in the audit entry."""
    delivery = lock_row(
        WebhookDelivery.objects.filter(endpoint__academy__in=academies_planned_by(admin)), pk=delivery_id
    )
    if delivery is None:
        raise WebhookRefused({None: "There is no such delivery"})
    delivery.due = True
    delivery.save(update_fields=["due"])
    audit_record(
        action=AuditEntry.Action.WEBHOOK_RESENT,
        actor=admin,
        actor_label=actor_label,
        target=delivery,
        summary=f"event {delivery.event_id}",
    )
    tasks.deliver_webhook.enqueue_on_commit(delivery.pk)
    return delivery


def _own_endpoint_locked(admin: User, endpoint_id: int) -> WebhookEndpoint:
    endpoint = lock_row(WebhookEndpoint.objects.filter(academy__in=academies_planned_by(admin)), pk=endpoint_id)
    if endpoint is None:
        raise WebhookRefused({None: "There is no such endpoint"})
    return endpoint


def _summary(endpoint: WebhookEndpoint) -> str:
    return f"academy {endpoint.academy_id}, events {', '.join(endpoint.events)}"


def _endpoints_wanting(academy_id: int | None, event_type: str | None) -> list[WebhookEndpoint]:
    if academy_id is None or event_type is None:
        return []
    # An academy has at most a few endpoints: asked in Python, as SQLite has no JSON containment.
    endpoints = WebhookEndpoint.objects.filter(academy_id=academy_id)
    return [endpoint for endpoint in endpoints if event_type in endpoint.events]


def _deliveries_record(endpoints: list[WebhookEndpoint], event_type: str, data: dict) -> list[WebhookDelivery]:
    """One delivery per endpoint that wants the event, in the caller's transaction, each posted by a task once it
    commits; every endpoint gets the same event id."""
    now = timezone.now()
    payload = {"id": str(uuid.uuid4()), "type": event_type, "created": now.isoformat(), "data": data}
    deliveries = []
    for endpoint in endpoints:
        delivery = WebhookDelivery.objects.create(
            endpoint=endpoint, event_id=payload["id"], event_type=event_type, payload=payload, created_at=now
        )
        tasks.deliver_webhook.enqueue_on_commit(delivery.pk)
        deliveries.append(delivery)
    return deliveries


def application_event_type(event: ApplicationEvent) -> str | None:
    """The webhook event an application's move is, if any."""
    if event.from_status == Status.DRAFT:
        return WebhookEvent.APPLICATION_SUBMITTED
    return {
        **{outcome: WebhookEvent.APPLICATION_DECIDED for outcome in DECISION_OUTCOMES},
        Status.ACCEPTED: WebhookEvent.OFFER_ACCEPTED,
        Status.DECLINED: WebhookEvent.OFFER_DECLINED,
        Status.WITHDRAWN: WebhookEvent.APPLICATION_WITHDRAWN,
    }.get(event.to_status)


def application_webhooks_record(application: Application, event: ApplicationEvent) -> list[WebhookDelivery]:
    """The deliveries an application's move owes the endpoints of its cohort's academy (none before it has a
    cohort); asks the database nothing more when no endpoint wants the event."""
    event_type = application_event_type(event)
    cohorts = Cohort.objects.filter(pk=application.cohort_id) if application.cohort_id else Cohort.objects.none()
    academy_id = cohorts.values_list("academy_id", flat=True).first()
    endpoints = _endpoints_wanting(academy_id, event_type)
    if not endpoints:
        return []
    data = {
        "application_id": application.pk,
        "cohort_id": application.cohort_id,
        "programme": application.programme.slug,
        "from_status": event.from_status,
        "status": event.to_status,
        "at": event.created_at.isoformat(),
    }
    return _deliveries_record(endpoints, event_type, data)


def cohort_webhooks_record(cohort: Cohort) -> list[WebhookDelivery]:
    endpoints = _endpoints_wanting(cohort.academy_id, WebhookEvent.COHORT_CHANGED)
    if not endpoints:
        return []
    data = {
        "cohort_id": cohort.pk,
        "programme": cohort.programme.slug,
        "name": cohort.name,
        "status": cohort.status,
        "starts_on": cohort.starts_on.isoformat(),
        "ends_on": cohort.ends_on.isoformat(),
        "capacity": cohort.capacity,
    }
    return _deliveries_record(endpoints, WebhookEvent.COHORT_CHANGED, data)
