"""/api/v1/docs/: the API's documentation, a page of the portal rendered from the generated schema (api.reference),
so it needs no JavaScript and is within the Content-Security-Policy like any other page."""

from django.conf import settings
from django.shortcuts import render
from django.views.decorators.http import require_safe

from enrolment.webhooks import WebhookEvent

from .academy_views import Pages
from .catalogue_queries import PAGE_SIZE
from .reference import api_reference


@require_safe
def api_docs(request):
    return render(
        request,
        "api/docs.html",
        {
            "reference": api_reference(),
            "rate": settings.API_TOKEN_RATE,
            "public_page_size": PAGE_SIZE,
            "academy_page_size": Pages.page_size,
            "webhook_events": WebhookEvent.choices,
        },
    )
