"""The Django admin cannot bypass a cohort's rules: it saves through cohort_create, cohort_update and cohort_cancel,
with their locks and audit entries, and shows a refusal on the form. Each test posts as the admin's forms do."""

from datetime import datetime, timedelta

import pytest
from django.contrib import admin
from django.db import models
from django.urls import reverse
from django.utils import timezone

from enrolment.models import Application, ApplicationEvent, Attendance, Certificate, Cohort, Enrolment, Status
from enrolment.services.cohorts import COHORT_FIELDS
from portal.models import AuditEntry
from tests.academies.factories import AcademyFactory
from tests.enrolment.factories import ApplicationFactory, CohortFactory
from tests.portal.factories import UserFactory
from tests.programmes.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db
CHANGELIST = reverse("admin:enrolment_cohort_changelist")


@pytest.fixture
def national_admin(client):
    user = UserFactory(national_admin=True)
    client.force_login(user)
    return user


@pytest.fixture
def cohort():
    """Open for applications, with three places, run by an academy the national admin is no admin of."""
    academy = AcademyFactory(local_partner=True)
    programme = ProgrammeFactory(delivering_academies=[academy], line_manager_support_required=False)
    return CohortFactory(programme=programme, academy=academy, capacity=3, status=Cohort.Status.OPEN)


def form_data(cohort: Cohort, **changes) -> dict:
    """The cohort's fields as the admin's change form posts them, with `changes` made."""
    data = {}
    for name, value in ({name: getattr(cohort, name) for name in COHORT_FIELDS} | changes).items():
        if isinstance(value, datetime):
            local = timezone.localtime(value)
            data[f"{name}_0"], data[f"{name}_1"] = local.strftime("%Y-%m-%d"), local.strftime("%H:%M:%S")
        elif isinstance(value, models.Model):
            data[name] = value.pk
        elif value is not None and value is not False:
            data[name] = "on" if value is True else str(value)
    return data


def change_url(cohort: Cohort) -> str:
    return reverse("admin:enrolment_cohort_change", args=[cohort.pk])


def form_errors(response) -> dict:
    return response.context["adminform"].form.errors


def test_a_change_goes_through_cohort_update_with_its_audit_entry(client, national_admin, cohort):
    response = client.post(change_url(cohort), form_data(cohort, capacity=5))

    assert response.status_code == 302, form_errors(response)
    cohort.refresh_from_db()
    assert cohort.capacity == 5
    entry = AuditEntry.objects.get(action=AuditEntry.Action.COHORT_UPDATED)
    assert (entry.actor, entry.object_id, entry.summary) == (national_admin, str(cohort.pk), "capacity 5")


def test_capacity_below_the_places_held_is_refused_on_the_form_and_changes_nothing(client, national_admin, cohort):
    ApplicationFactory.create_batch(2, cohort=cohort, accepted=True)
    name = cohort.name

    response = client.post(change_url(cohort), form_data(cohort, capacity=1, name="Renamed"))

    assert response.status_code == 200
    assert form_errors(response)["capacity"] == [
        "2 places are already accepted or offered, so the capacity cannot go below 2."
    ]
    cohort.refresh_from_db()
    assert (cohort.capacity, cohort.name) == (3, name)
    assert not AuditEntry.objects.exists()


def at_noon(day) -> datetime:
    return timezone.make_aware(datetime.combine(day, datetime.min.time().replace(hour=12)))


# A change of the cohort fixture the services refuse, from the cohort, and the field the refusal is shown beside.
DAY = timedelta(days=1)
REFUSED_CHANGES = {
    "window closes at the start": (lambda c: {"applications_close_at": at_noon(c.starts_on)}, "applications_close_at"),
    "window closes as it opens": (lambda c: {"applications_close_at": c.applications_open_at}, "applications_close_at"),
    "last joining day before the start": (lambda c: {"joining_closes_on": c.starts_on - DAY}, "joining_closes_on"),
    "last joining day after the end": (lambda c: {"joining_closes_on": c.ends_on + DAY}, "joining_closes_on"),
    "ends before it starts": (lambda c: {"ends_on": c.starts_on - DAY}, "ends_on"),
    "no place": (lambda c: {"capacity": 0}, "capacity"),
    "nowhere": (lambda c: {"venue": "", "is_online": False}, "venue"),
}


@pytest.mark.parametrize("refused", REFUSED_CHANGES)
def test_a_cohorts_dates_and_place_hold_in_the_admin_as_on_the_workspace(client, national_admin, cohort, refused):
    changes, field = REFUSED_CHANGES[refused]
    before = form_data(cohort)

    response = client.post(change_url(cohort), form_data(cohort, **changes(cohort)))

    assert response.status_code == 200
    assert list(form_errors(response)) == [field], form_errors(response)
    assert "Constraint" not in str(form_errors(response))
    cohort.refresh_from_db()
    assert form_data(cohort) == before
    assert not AuditEntry.objects.exists()


def test_a_running_cohort_is_not_moved_back_to_before_its_start_in_the_admin(client, national_admin, cohort):
    started = timezone.localdate() - timedelta(days=1)
    Cohort.objects.filter(pk=cohort.pk).update(
        starts_on=started,
        applications_open_at=at_noon(started - 3 * DAY),
        applications_close_at=at_noon(started - DAY),
        status=Cohort.Status.RUNNING,
    )
    cohort.refresh_from_db()

    response = client.post(change_url(cohort), form_data(cohort, starts_on=timezone.localdate() + timedelta(days=10)))

    assert response.status_code == 200
    assert form_errors(response)["__all__"] == [
        "This cohort is running, so it cannot become applications closed. Once a cohort has started, its dates "
        "cannot take it back."
    ]
    cohort.refresh_from_db()
    assert cohort.starts_on == started


def test_the_status_is_not_a_field_of_the_form_and_a_posted_one_is_ignored(client, national_admin, cohort):
    accepted = ApplicationFactory(cohort=cohort, accepted=True)

    page = client.get(change_url(cohort)).content.decode()
    response = client.post(change_url(cohort), form_data(cohort) | {"status": Cohort.Status.CANCELLED})

    assert 'name="status"' not in page
    assert response.status_code == 302, form_errors(response)
    cohort.refresh_from_db()
    accepted.refresh_from_db()
    assert cohort.status == Cohort.Status.OPEN
    assert accepted.status == Status.ACCEPTED


def test_the_programme_and_academy_of_a_cohort_are_not_changed_in_the_admin(client, national_admin, cohort):
    elsewhere = AcademyFactory(local_partner=True)

    response = client.post(change_url(cohort), form_data(cohort) | {"academy": elsewhere.pk})

    assert response.status_code == 302, form_errors(response)
    cohort.refresh_from_db()
    assert cohort.academy != elsewhere


def test_a_django_admin_user_who_is_not_a_national_admin_changes_no_cohort(client, cohort):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    response = client.post(change_url(cohort), form_data(cohort, capacity=10))

    assert response.status_code == 200
    assert form_errors(response)["__all__"] == ["There is no such cohort."]
    cohort.refresh_from_db()
    assert cohort.capacity == 3


def test_creating_a_cohort_goes_through_cohort_create(client, national_admin, cohort):
    planned = CohortFactory.build(programme=cohort.programme, academy=cohort.academy, name="Spring cohort")

    response = client.post(
        reverse("admin:enrolment_cohort_add"),
        form_data(planned) | {"programme": cohort.programme.pk, "academy": cohort.academy.pk},
    )

    assert response.status_code == 302, form_errors(response)
    created = Cohort.objects.get(name="Spring cohort")
    assert created.status == Cohort.Status.OPEN, "the service sets the status its dates give"
    entry = AuditEntry.objects.get(action=AuditEntry.Action.COHORT_CREATED)
    assert (entry.actor, entry.object_id) == (national_admin, str(created.pk))


def test_a_cohort_of_a_programme_the_academy_does_not_run_is_refused_on_the_add_form(client, national_admin, cohort):
    elsewhere = ProgrammeFactory()
    planned = CohortFactory.build(programme=elsewhere, academy=cohort.academy, name="Spring cohort")

    response = client.post(
        reverse("admin:enrolment_cohort_add"),
        form_data(planned) | {"programme": elsewhere.pk, "academy": cohort.academy.pk},
    )

    assert response.status_code == 200
    assert form_errors(response)["__all__"] == [f"{cohort.academy.name} does not run cohorts of {elsewhere.title}."]
    assert not Cohort.objects.filter(name="Spring cohort").exists()


def test_a_cohort_is_never_deleted_in_the_admin(client, national_admin, cohort):
    delete_url = reverse("admin:enrolment_cohort_delete", args=[cohort.pk])

    assert client.post(delete_url, {"post": "yes"}).status_code == 403
    response = client.post(CHANGELIST, {"action": "delete_selected", "_selected_action": [cohort.pk], "post": "yes"})

    assert response.status_code == 302
    assert Cohort.objects.filter(pk=cohort.pk).exists()


def cancel(client, cohort, **reason):
    return client.post(CHANGELIST, {"action": "cancel_cohorts", "_selected_action": [cohort.pk], **reason})


def test_the_cancel_action_asks_for_the_reason_and_cancels_nothing_without_one(client, national_admin, cohort):
    ApplicationFactory(cohort=cohort, accepted=True)

    asked = cancel(client, cohort)
    refused = cancel(client, cohort, reason="   ")

    assert asked.status_code == refused.status_code == 200
    assert 'name="reason"' in asked.content.decode()
    assert not asked.context["form"].errors
    assert refused.context["form"].errors["reason"] == ["Give the reason for cancelling"]
    cohort.refresh_from_db()
    assert cohort.status == Cohort.Status.OPEN
    assert not Application.objects.filter(status=Status.COHORT_CANCELLED).exists()
    assert not AuditEntry.objects.exists()


def test_the_cancel_action_releases_every_applicant_through_cohort_cancel(client, national_admin, cohort):
    ApplicationFactory(cohort=cohort, accepted=True)
    ApplicationFactory(cohort=cohort, offered=True)
    ApplicationFactory(cohort=cohort, under_review=True)

    response = cancel(client, cohort, reason="The venue is closed for repairs.")

    assert response.status_code == 302
    cohort.refresh_from_db()
    assert cohort.status == Cohort.Status.CANCELLED
    assert set(Application.objects.values_list("status", flat=True)) == {Status.COHORT_CANCELLED}
    events = ApplicationEvent.objects.filter(to_status=Status.COHORT_CANCELLED)
    assert {(event.actor, event.reason) for event in events} == {(national_admin, "The venue is closed for repairs.")}
    entry = AuditEntry.objects.get(action=AuditEntry.Action.COHORT_CANCELLED)
    assert (entry.actor, entry.object_id) == (national_admin, str(cohort.pk))
    assert entry.summary == "3 application(s) released"


def test_cancelling_a_cancelled_cohort_again_says_so_and_changes_nothing(client, national_admin, cohort):
    Cohort.objects.filter(pk=cohort.pk).update(status=Cohort.Status.CANCELLED)

    response = cancel(client, cohort, reason="Again")

    assert response.status_code == 302
    shown = [str(message) for message in response.wsgi_request._messages]
    assert shown == [f"{cohort}: This cohort is already cancelled."]
    assert not AuditEntry.objects.exists()


def test_the_cancel_action_leaves_a_finished_cohort_and_its_completions_alone(client, national_admin, cohort):
    finished = CohortFactory(programme=cohort.programme, academy=cohort.academy, starts_in_days=-200, lasts_days=100,
                             closed=True, status=Cohort.Status.FINISHED)
    learner = ApplicationFactory(cohort=finished, status=Status.COMPLETED)

    response = cancel(client, finished, reason="Too late")

    assert response.status_code == 302
    shown = [str(message) for message in response.wsgi_request._messages]
    assert len(shown) == 1 and shown[0].startswith(f"{finished}: "), shown
    finished.refresh_from_db()
    learner.refresh_from_db()
    assert (finished.status, learner.status) == (Cohort.Status.FINISHED, Status.COMPLETED)
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize("model", [Application, ApplicationEvent, Attendance, Certificate, Enrolment])
def test_applications_enrolments_and_certificates_are_not_changed_in_the_admin(rf, model):
    """Their statuses change only through the services: if one is ever registered, it must be read-only."""
    request = rf.get("/admin/")
    request.user = UserFactory(national_admin=True)
    model_admin = admin.site._registry.get(model)

    assert model_admin is None or not any(
        (model_admin.has_add_permission(request), model_admin.has_change_permission(request),
         model_admin.has_delete_permission(request))
    )

