"""Cohorts and sessions refuse what no academy means: a name their academy already gave a cohort of the programme
(a double-clicked "Create"), and dates outside the years the portal plans for (9999, 0001) or a cohort of decades.
Each refusal is an error on its field, never a 500, and writes nothing; pages at the ends of the range work."""

from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from enrolment.models import Cohort, CohortSession
from enrolment.services.cohorts import InvalidInput, cohort_create
from portal.validators import within_service_years
from tests.conftest import run_at_once
from tests.enrolment.factories import CohortFactory, cohort_form
from tests.programmes.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db

# Dates and times the services set themselves, never typed by a person: they need no range of their own.
SET_BY_THE_PORTAL = {
    "coaching.CoachProfile.decided_at", "coaching.CoachingRequest.responded_at", "coaching.CoachingRequest.accepted_at",
    "coaching.CoachingRequest.closed_at", "coaching.CoachingRequest.created_at", "portal.AuditEntry.created_at",
    "enrolment.Application.manager_requested_at",
    "enrolment.Application.manager_reminded_at", "enrolment.Application.manager_responded_at",
    "enrolment.Application.submitted_at", "enrolment.Application.waitlisted_at", "enrolment.Application.offered_at",
    "enrolment.Application.offer_expires_at", "enrolment.Enrolment.completed_at", "enrolment.Enrolment.enrolled_at",
    "enrolment.Certificate.issued_at", "enrolment.ApplicationEvent.created_at", "portal.User.erased_at",
    "portal.User.date_joined", "portal.User.last_login", "portal.EmailDelivery.sent_at",
    "portal.OutboxMessage.published_at", "portal.OutboxMessage.failed_at", "portal.Heartbeat.last_run_at",
    "reporting.ReportFact.month", "reporting.ReportFact.enrolled_on", "reporting.MonthlyFigure.month",
    "reporting.ReportsRefresh.started_at", "reporting.ReportsRefresh.finished_at",
    "academies.AcademyInvitation.created_at", "academies.AcademyInvitation.expires_at",
    "academies.AcademyInvitation.accepted_at", "portal.ExternalIdentity.linked_at",
    "enrolment.PlaceAllocation.released_at", "enrolment.RingFenceDeclaration.declared_at",
    # A token's expiry is a choice of days from now (academies/api_token_forms.py), never a typed date.
    "academies.AcademyApiToken.created_at", "academies.AcademyApiToken.expires_at",
    "academies.AcademyApiToken.revoked_at", "academies.AcademyApiToken.last_used_at",
    "enrolment.WebhookEndpoint.created_at", "enrolment.WebhookDelivery.created_at",
    "enrolment.WebhookDelivery.delivered_at", "enrolment.WebhookAttempt.started_at",
    "improvement.ImprovementProject.submitted_at", "improvement.ImprovementProject.reviewed_at",
    # A follow-up is asked by the beat task, of a completion the portal recorded; answering it stamps the time.
    "progression.FollowUp.completed_at", "progression.FollowUp.asked_at", "progression.FollowUp.answered_at",
}


def portal_apps():
    """Every app of the portal's own, those added later among them (not the installed libraries')."""
    base = Path(settings.BASE_DIR).resolve()
    return [config for config in apps.get_app_configs() if Path(config.path).resolve().parent == base]


def test_every_date_a_person_can_type_has_the_portals_range():
    unranged = [
        f"{model._meta.label}.{field.name}"
        for app in portal_apps()
        for model in app.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.DateField)  # DateTimeField is one too
        and field.editable
        and not (field.auto_now or field.auto_now_add)
        and within_service_years not in field.validators
    ]
    assert sorted(set(unranged) - SET_BY_THE_PORTAL) == []


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"ends_on": "9999-12-31"}, "ends_on"),
        ({"starts_on": "0001-01-01"}, "starts_on"),
        ({"applications_close_at": "9999-12-31T17:00"}, "applications_close_at"),
        ({"ends_on": (timezone.localdate() + timedelta(days=60 + 6 * 366)).isoformat()}, "ends_on"),
    ],
)
def test_a_date_out_of_range_is_an_error_on_its_field(client, academy, admin, changes, field):
    client.force_login(admin)

    response = client.post(
        reverse("enrolment:workspace_cohort_create"),
        cohort_form(academy, ProgrammeFactory(delivering_academies=[academy]), **changes),
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert f'id="id_{field}_error"' in page
    assert "must be between 1 January 2000 and 31 December 2099" in page or "5 years at most" in page
    assert not Cohort.objects.exists()


def test_a_session_out_of_range_is_an_error_on_its_field(client, cohort, admin):
    client.force_login(admin)

    response = client.post(
        reverse("enrolment:workspace_session_create", args=[cohort.pk]),
        {"title": "Workshop", "kind": "workshop", "starts_at": "9999-12-31T09:00", "ends_at": "9999-12-31T17:00",
         "venue": "Education centre"},
    )

    assert response.status_code == 200
    assert 'id="id_starts_at_error"' in response.content.decode()
    assert not CohortSession.objects.exists()


def test_a_name_the_academy_already_gave_a_cohort_of_the_programme_is_an_error_on_the_name(client, academy, admin):
    programme = ProgrammeFactory(delivering_academies=[academy])
    client.force_login(admin)
    form = cohort_form(academy, programme)
    assert client.post(reverse("enrolment:workspace_cohort_create"), form).status_code == 302

    response = client.post(reverse("enrolment:workspace_cohort_create"), form)

    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="id_name_error"' in page
    assert "already has a cohort of this programme with this name" in page
    assert "already exists" not in page  # Django's own text
    assert Cohort.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_a_double_clicked_create_makes_one_cohort_and_refuses_the_other_on_its_name(academy, admin):
    programme = ProgrammeFactory(delivering_academies=[academy])
    start = timezone.localdate() + timedelta(days=60)
    fields = {
        "name": "Autumn cohort", "starts_on": start, "ends_on": start + timedelta(days=180), "venue": "Centre",
        "capacity": 20, "applications_open_at": timezone.now(),
        "applications_close_at": timezone.now() + timedelta(days=30),
    }

    escaped = run_at_once(
        lambda _: cohort_create(admin=admin, academy=academy, programme=programme, **fields), range(4)
    )

    assert Cohort.objects.count() == 1
    assert len(escaped) == 3
    assert all(isinstance(error, InvalidInput) and "name" in error.problems for error in escaped)


def test_a_cohort_at_the_end_of_the_range_has_a_calendar_and_a_timetable(client, academy, admin):
    cohort = CohortFactory(
        academy=academy, programme=ProgrammeFactory(delivering_academies=[academy]), starts_on=date(2099, 7, 1),
        ends_on=date(2099, 12, 31), applications_open_at=timezone.make_aware(datetime(2099, 1, 1)),
        applications_close_at=timezone.make_aware(datetime(2099, 6, 1)),
    )
    client.force_login(admin)

    calendar = client.get(reverse("programmes:cohort_calendar", args=[cohort.programme.slug, cohort.pk]))
    generated = client.post(
        reverse("enrolment:workspace_sessions_generate", args=[cohort.pk]),
        {"title": "Workshop", "kind": "workshop", "every_weeks": "1", "starts_at": "09:30", "hours": "3",
         "venue": "Education centre"},
    )

    assert calendar.status_code == 200
    assert generated.status_code == 302
    assert cohort.sessions.count() > 20
