"""Pages of evaluation. Thin: who is asking and what they may see (evaluation.permissions), then a selector or a
service. A cohort outside what the person may see is a 404, whatever its id."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from academies.permissions import academy_admin_required

from . import permissions, selectors, services
from .forms import FeedbackForm
from .models import MIN_RESPONSES, QUESTIONS, EvaluationError

SHOWN = {"minimum": MIN_RESPONSES, "questions": list(QUESTIONS.values())}


@login_required
@require_http_methods(["GET", "POST"])
def answer_view(request, cohort_pk):
    """The feedback form of a cohort the person took part in, answered once while signed in."""
    cohort = get_object_or_404(permissions.cohorts_to_answer(request.user).select_related("programme"), pk=cohort_pk)
    if permissions.responses_of(request.user).filter(cohort=cohort).exists():
        return render(request, "evaluation/answered.html", {"cohort": cohort})
    form = FeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.feedback_response_create(respondent=request.user, cohort_id=cohort.pk, answers=form.answers())
        except (EvaluationError, ValidationError) as error:  # answered meanwhile, or a rule of the model: nothing saved
            form.add_error(None, error.messages if isinstance(error, ValidationError) else str(error))
        else:
            messages.success(request, "Thank you: your feedback is sent to the academy.")
            return redirect("evaluation:answer", cohort.pk)
    context = {
        "form": form,
        "cohort": cohort,
        "page_title": f"Your feedback on {cohort.programme}",
        "submit_label": "Send feedback",
        "page_record": cohort,
    }
    return render(request, "evaluation/answer.html", context)


@academy_admin_required
@require_GET
def academy_feedback_view(request):
    feedback = selectors.academy_feedback(user=request.user)
    return render(request, "evaluation/academy_feedback.html", {"feedback": feedback, **SHOWN})


@academy_admin_required
@require_GET
def cohort_feedback_view(request, cohort_pk):
    feedback = selectors.cohort_feedback(user=request.user, cohort_id=cohort_pk)
    if feedback is None:
        raise Http404
    return render(request, "evaluation/cohort_feedback.html", {"feedback": feedback, **SHOWN})
