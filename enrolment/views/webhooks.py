"""An academy admin's webhook endpoints: register one (its secret shown once), change or delete it, see its recent
deliveries with their responses, and send one again. Nothing of another academy's."""

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from academies.models import Academy
from academies.permissions import academy_admin_required
from enrolment.models import EnrolmentError, WebhookAttempt, WebhookDelivery, WebhookEndpoint
from enrolment.services import webhooks
from enrolment.webhook_forms import WebhookEndpointForm

from .common import refuse

RECENT_DELIVERIES = 20


def _own_endpoints(request):
    return WebhookEndpoint.objects.filter(academy__in=Academy.objects.for_admin(request.user)).select_related("academy")


def _show_refusal(form, error: EnrolmentError) -> None:
    for field, problem in getattr(error, "problems", {None: str(error)}).items():
        form.add_error(field if field in form.fields else None, problem)


@academy_admin_required
@require_http_methods(["GET"])
def webhook_list(request):
    return render(request, "enrolment/workspace/webhook_list.html", {"endpoints": _own_endpoints(request)})


@academy_admin_required
@require_http_methods(["GET", "POST"])
def webhook_create(request):
    form = WebhookEndpointForm(request.POST or None, academies=Academy.objects.for_admin(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            endpoint = webhooks.webhook_endpoint_create(
                admin=request.user,
                academy_id=form.cleaned_data["academy"].pk,
                url=form.cleaned_data["url"],
                events=form.cleaned_data["events"],
            )
        except EnrolmentError as error:
            _show_refusal(form, error)
        else:
            return render(request, "enrolment/workspace/webhook_created.html", {"endpoint": endpoint})
    return render(
        request,
        "forms/page.html",
        {"form": form, "page_title": "Register a webhook endpoint", "submit_label": "Register"},
    )


@academy_admin_required
@require_http_methods(["GET", "POST"])
def webhook_detail(request, pk):
    endpoint = get_object_or_404(_own_endpoints(request), pk=pk)
    form = WebhookEndpointForm(request.POST or None, initial={"url": endpoint.url, "events": endpoint.events})
    if request.method == "POST" and form.is_valid():
        try:
            webhooks.webhook_endpoint_update(admin=request.user, endpoint_id=endpoint.pk, **form.cleaned_data)
        except EnrolmentError as error:
            _show_refusal(form, error)
        else:
            messages.success(request, "Endpoint changed.")
            return redirect("enrolment:workspace_webhook", endpoint.pk)
    deliveries = endpoint.deliveries.prefetch_related(
        Prefetch("attempts", queryset=WebhookAttempt.objects.order_by("-started_at", "-pk"))
    )[:RECENT_DELIVERIES]
    context = {"endpoint": endpoint, "form": form, "deliveries": deliveries}
    return render(request, "enrolment/workspace/webhook_detail.html", context)


@academy_admin_required
@require_POST
def webhook_delete(request, pk):
    endpoint = get_object_or_404(_own_endpoints(request), pk=pk)
    try:
        webhooks.webhook_endpoint_delete(admin=request.user, endpoint_id=endpoint.pk)
    except EnrolmentError as error:
        return refuse(request, error, "enrolment:workspace_webhook", endpoint.pk)
    messages.success(request, "Endpoint deleted: nothing more is sent to it.")
    return redirect("enrolment:workspace_webhooks")


@academy_admin_required
@require_POST
def webhook_resend(request, pk):
    delivery = get_object_or_404(
        WebhookDelivery.objects.filter(endpoint__in=_own_endpoints(request)).only("pk", "endpoint_id"), pk=pk
    )
    try:
        webhooks.webhook_delivery_resend(admin=request.user, delivery_id=delivery.pk)
    except EnrolmentError as error:
        return refuse(request, error, "enrolment:workspace_webhook", delivery.endpoint_id)
    messages.success(request, "Sending it again: the attempt shows below.")
    return redirect("enrolment:workspace_webhook", delivery.endpoint_id)
