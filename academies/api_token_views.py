"""An academy admin's API tokens: the list (name, scope, prefix, expiry, last use), a new token (shown once, on
the page that answers the form, never again), and revoking one."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from . import selectors
from .api_token_forms import ApiTokenForm
from .api_tokens import ApiTokenError, academy_api_token_create, academy_api_token_revoke
from .permissions import academy_admin_required

LIST = {"parent_label": "API tokens"}


@academy_admin_required
@require_http_methods(["GET"])
def api_tokens(request):
    return render(request, "academies/api_tokens.html", {"tokens": selectors.academy_api_tokens(request.user)})


@academy_admin_required
@require_http_methods(["GET", "POST"])
def api_token_create(request):
    form = ApiTokenForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            created = academy_api_token_create(actor=request.user, **form.cleaned_data)
        except ApiTokenError as error:
            form.add_error("name", str(error))
        else:
            return render(request, "academies/api_token_created.html", {"created": created})
    context = {"form": form, "page_title": "Create an API token", "submit_label": "Create token"}
    return render(request, "forms/page.html", context | LIST | {"parent_url": reverse("roles:api_tokens")})


@academy_admin_required
@require_http_methods(["GET", "POST"])
def api_token_revoke(request, pk):
    token = get_object_or_404(selectors.academy_api_tokens(request.user), pk=pk)
    if request.method == "POST":
        try:
            academy_api_token_revoke(actor=request.user, token_id=token.pk)
        except ApiTokenError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, f"The token {token.name} no longer works.")
        return redirect("roles:api_tokens")
    return render(request, "academies/api_token_revoke.html", {"token": token})
