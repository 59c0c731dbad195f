"""Posts a webhook delivery: JSON {id, type, created, data}, signed with the endpoint's secret, each attempt
recorded. Run by the deliver_webhook task, which retries with backoff while this raises WebhookFailed."""

import hashlib
import hmac
import json
import time
import urllib.error
import urllib.request

from django.db import transaction
from django.utils import timezone

from enrolment.tasks import WebhookFailed
from enrolment.webhooks import RESPONSE_EXCERPT_LENGTH, WebhookAttempt, WebhookDelivery
from portal.locking import lock_row

TIMEOUT_SECONDS = 10
USER_AGENT = "NHS-leadership-portal-webhooks/1"


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer, not a new address to post to (it could point inside the portal's network)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


_opener = urllib.request.build_opener(_NoRedirects)


def webhook_signature(secret: str, timestamp: str, body: bytes) -> str:
    """What X-Portal-Signature carries: sha256=HMAC-SHA256(secret, timestamp + "." + body), in hex."""
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def webhook_delivery_send(*, delivery_id: int) -> bool:
    """Posts the delivery if it is due, holding its row so that two runs never post it at once, and records the
    attempt; a delivery already delivered (and not asked for again) is not posted. True if posted now with a 2xx."""
    with transaction.atomic():
        delivery = lock_row(WebhookDelivery.objects.select_related("endpoint"), pk=delivery_id)
        if delivery is None or not delivery.due:
            return False
        attempt = _post(delivery)
        attempt.save()
        if attempt.succeeded:
            delivery.due, delivery.delivered_at = False, timezone.now()
            delivery.save(update_fields=["due", "delivered_at"])
    if not attempt.succeeded:
        raise WebhookFailed(f"delivery {delivery_id}: {attempt.status_code or attempt.error}")
    return True


def _post(delivery: WebhookDelivery) -> WebhookAttempt:
    from enrolment.services.webhooks import webhook_url_problem  # checked again: the host's address may have moved

    attempt = WebhookAttempt(delivery=delivery, started_at=timezone.now())
    problem = webhook_url_problem(delivery.endpoint.url)
    if problem:
        attempt.error = problem[:300]
        return attempt
    started = time.monotonic()
    try:
        with _opener.open(_request(delivery), timeout=TIMEOUT_SECONDS) as response:  # nosec B310: https, checked
            attempt.status_code, attempt.response_excerpt = response.status, _excerpt(response)
    except urllib.error.HTTPError as error:
        attempt.status_code, attempt.response_excerpt = error.code, _excerpt(error)
    except (urllib.error.URLError, OSError, ValueError) as error:
        attempt.error = str(getattr(error, "reason", error))[:300]
    attempt.duration_ms = int((time.monotonic() - started) * 1000)
    return attempt


def _request(delivery: WebhookDelivery) -> urllib.request.Request:
    body = json.dumps(delivery.payload, separators=(",", ":"), sort_keys=True).encode()
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "X-Portal-Event-Id": str(delivery.event_id),
        "X-Portal-Event-Type": delivery.event_type,
        "X-Portal-Timestamp": timestamp,
        "X-Portal-Signature": webhook_signature(delivery.endpoint.secret, timestamp, body),
    }
    return urllib.request.Request(delivery.endpoint.url, data=body, headers=headers, method="POST")  # noqa: S310  # nosec B310: https, checked


def _excerpt(response) -> str:
    try:
        return response.read(RESPONSE_EXCERPT_LENGTH).decode("utf-8", "replace")[:RESPONSE_EXCERPT_LENGTH]
    except OSError:
        return ""
