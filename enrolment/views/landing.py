"""The page after signing in (LOGIN_REDIRECT_URL): sends each person where their work is."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.views.decorators.http import require_GET

from enrolment.landing import landing_url


@login_required
@require_GET
def start(request):
    return redirect(landing_url(request.user))
