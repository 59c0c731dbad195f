"""/api/v1/docs/: the API's documentation, a page of the portal rendered from the generated schema (api.reference),
so it needs no JavaScript and is within the Content-Security-Policy like any other page."""

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.http import require_safe

from enrolment.webhooks import WebhookEvent

from .academy_views import Pages
from .catalogue_queries import PAGE_SIZE
from .reference import api_reference

PERIODS = {"s": "second", "m": "minute", "h": "hour", "d": "day"}


def rate_in_words(rate: str) -> str:
    """A throttle rate as DRF reads it ("300/min": the number, and the period by its first letter) in words."""
    number, period = rate.split("/")
    return f"{number} requests a {PERIODS[period[0]]}"


@require_safe
def api_docs(request):
    return render(
        request,
        "api/docs.html",
        {
            "reference": api_reference(),
            "rate": rate_in_words(settings.API_TOKEN_RATE),
            "public_page_size": PAGE_SIZE,
            "academy_page_size": Pages.page_size,
            "webhook_events": WebhookEvent.choices,
        },
    )
