from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from programmes.selectors import programme_featured_list

from . import services
from .forms import RegistrationForm, StaffProfileForm
from .models import SourceDocument, StaffProfile


def home(request):
    return render(request, "portal/home.html", {"programmes": programme_featured_list()})


def about(request):
    return render(request, "portal/about.html", {"sources": SourceDocument.objects.all()})


@require_http_methods(["GET", "POST"])
def register(request):
    if request.user.is_authenticated:
        return redirect("profile")
    form = RegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = services.user_register(
            email=form.cleaned_data["email"],
            full_name=form.cleaned_data["full_name"],
            password=form.cleaned_data["password1"],
        )
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Your account is ready. Tell us about your role to see what you can apply for.")
        return redirect("profile")
    return render(
        request,
        "registration/register.html",
        {"form": form, "page_title": "Create an account", "submit_label": "Create account"},
    )


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    instance = StaffProfile.objects.filter(user=request.user).first() or StaffProfile(user=request.user)
    form = StaffProfileForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        services.staff_profile_update(user=request.user, **form.cleaned_data)
        messages.success(request, "Your profile is saved.")
        return redirect("profile")
    return render(
        request, "portal/profile.html", {"form": form, "page_title": "Your profile", "submit_label": "Save profile"}
    )
