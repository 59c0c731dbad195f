"""Self-assessment pages. Thin: the person's own assessments (selfassessment.permissions), then a selector or the
service. Another person's assessment is a 404, whatever its id."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from academies.permissions import academy_admin_required

from . import aggregates, selectors, services
from .forms import SelfAssessmentForm
from .models import SelfAssessmentError


@login_required
@require_GET
def mine_view(request):
    return render(request, "selfassessment/mine.html", {"assessments": selectors.my_assessments(request.user)})


@login_required
@require_http_methods(["GET", "POST"])
def take_view(request):
    form = SelfAssessmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.self_assessment_record(person=request.user, scores=form.scores())
        except SelfAssessmentError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, "Your self-assessment is saved.")
            return redirect(assessment)
    return render(request, "selfassessment/take.html", {"form": form})


@login_required
@require_GET
def detail_view(request, pk):
    report = selectors.assessment_report(request.user, pk)
    if report is None:
        raise Http404
    return render(request, "selfassessment/detail.html", {"report": report})


@academy_admin_required
@require_GET
def academy_view(request):
    return render(request, "selfassessment/academy.html", {"changes": aggregates.academy_changes(request.user)})
