"""The line manager's page, reached from the e-mailed link, with no account."""

from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from enrolment.forms import ManagerResponseForm
from enrolment.selectors import application_answers
from enrolment.services.manager_support import (
    CommentRequired,
    ManagerLinkInvalid,
    manager_link_application,
    manager_respond,
)
from enrolment.timetable_selectors import application_time_commitment


@require_http_methods(["GET", "POST"])
def manager_support(request, token):
    try:
        application = manager_link_application(token)
    except ManagerLinkInvalid as error:
        return render(request, "enrolment/manager_link_invalid.html", {"message": str(error)}, status=410)
    form = ManagerResponseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            manager_respond(token=token, **form.cleaned_data)
        except ManagerLinkInvalid as error:
            return render(request, "enrolment/manager_link_invalid.html", {"message": str(error)}, status=410)
        except CommentRequired as error:
            form.add_error("comment", str(error))
        else:
            return render(request, "enrolment/manager_thanks.html", {"application": application, **form.cleaned_data})
    return render(
        request,
        "enrolment/manager_support.html",
        {
            "application": application,
            "answers": application_answers(application),
            "form": form,
            "submit_label": "Send your answer",
            **application_time_commitment(application),
        },
    )
