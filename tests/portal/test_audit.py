"""The audit log: who decided, exported or changed what. One entry per action, written in the action's own
transaction (a refused action leaves none), and only national admins can read it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from enrolment.models import EnrolmentError
from enrolment.services.cohorts import COHORT_FIELDS, cohort_cancel, cohort_create, cohort_update
from enrolment.services.completion import completion_record
from enrolment.services.decisions import application_offer, application_reject, application_waitlist
from portal.models import AuditEntry
from portal.privacy import personal_data_erase, personal_data_export
from tests.academies.factories import AcademyAdminFactory, AcademyFactory
from tests.enrolment.factories import ApplicationFactory, CohortFactory
from tests.portal.factories import IcsLeadFactory, UserFactory
from tests.programmes.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort():
    return CohortFactory(capacity=1, academy=AcademyFactory(local_partner=True))


@pytest.fixture
def admin(cohort):
    return AcademyAdminFactory(academy=cohort.academy).user


def the_entry() -> AuditEntry:
    """The one entry the action wrote."""
    [entry] = AuditEntry.objects.all()
    return entry


@pytest.mark.parametrize(
    ("decide", "summary"),
    [
        (lambda application, admin: application_offer(application_id=application.pk, admin=admin), "offer"),
        (lambda application, admin: application_reject(
            application_id=application.pk, admin=admin, reasons=["criteria"], reason="No"
        ),
         "unsuccessful"),
    ],
)
def test_a_decision_records_who_decided_what(cohort, admin, decide, summary):
    application = ApplicationFactory(cohort=cohort, under_review=True)

    decide(application, admin)

    entry = the_entry()
    assert (entry.actor, entry.action) == (admin, AuditEntry.Action.APPLICATION_DECIDED)
    assert (entry.object_type, entry.object_id) == ("enrolment.application", str(application.pk))
    assert entry.summary.startswith(summary)
    assert "No" not in entry.summary.split(), "the reason is free text: it stays on the application only"


def test_a_waiting_list_decision_is_recorded(cohort, admin):
    ApplicationFactory(cohort=cohort, accepted=True)
    application = ApplicationFactory(cohort=cohort, under_review=True)

    application_waitlist(application_id=application.pk, admin=admin)

    assert the_entry().summary == f"waitlist (cohort {cohort.pk})"


def test_a_refused_decision_records_nothing(cohort, admin):
    ApplicationFactory(cohort=cohort, accepted=True)
    application = ApplicationFactory(cohort=cohort, under_review=True)

    with pytest.raises(EnrolmentError):
        application_offer(application_id=application.pk, admin=admin)

    assert not AuditEntry.objects.exists()


def test_creating_changing_and_cancelling_a_cohort_are_recorded(cohort, admin):
    programme = ProgrammeFactory(provider=cohort.academy)
    fields = {name: getattr(cohort, name) for name in COHORT_FIELDS} | {"name": "Another cohort"}

    created = cohort_create(admin=admin, academy=cohort.academy, programme=programme, **fields)
    cohort_update(admin=admin, cohort_id=created.pk, capacity=30)
    ApplicationFactory(cohort=created, under_review=True)
    cohort_cancel(admin=admin, cohort_id=created.pk, reason="The venue closed")

    entries = AuditEntry.objects.order_by("pk")
    assert [(entry.action, entry.object_id, entry.actor) for entry in entries] == [
        (AuditEntry.Action.COHORT_CREATED, str(created.pk), admin),
        (AuditEntry.Action.COHORT_UPDATED, str(created.pk), admin),
        (AuditEntry.Action.COHORT_CANCELLED, str(created.pk), admin),
    ]
    assert [entry.summary for entry in entries] == ["capacity 1", "capacity 30", "1 application(s) released"]


def test_recording_outcomes_is_recorded(cohort, admin):
    cohort.starts_on = timezone.localdate() - timedelta(days=1)
    cohort.save()
    learner = ApplicationFactory(cohort=cohort, accepted=True)

    completion_record(admin=admin, cohort_id=cohort.pk, outcomes={learner.pk: True}, cpd_hours=None)

    entry = the_entry()
    assert (entry.action, entry.object_id, entry.summary) == (
        AuditEntry.Action.OUTCOMES_RECORDED, str(cohort.pk), "1 completed, 0 did not complete"
    )


@pytest.mark.parametrize("kind", ["roster", "attendance", "outcomes"])
def test_a_cohort_export_is_recorded(client, cohort, admin, kind):
    client.force_login(admin)

    response = client.get(reverse("enrolment:workspace_export", args=[cohort.pk, kind]))

    assert response.status_code == 200
    entry = the_entry()
    assert (entry.actor, entry.action, entry.object_id, entry.summary) == (
        admin, AuditEntry.Action.DATA_EXPORTED, str(cohort.pk), f"{kind}.csv"
    )


def test_report_exports_are_recorded(client):
    lead = IcsLeadFactory()
    client.force_login(lead.user)
    assert client.get(reverse("reporting:ics_export", args=[lead.ics.slug, "programmes"])).status_code == 200
    national_admin = UserFactory(national_admin=True)
    client.force_login(national_admin)
    assert client.get(reverse("reporting:national_export", args=["systems"])).status_code == 200

    entries = AuditEntry.objects.order_by("pk")
    assert [(entry.actor, entry.action, entry.summary) for entry in entries] == [
        (lead.user, AuditEntry.Action.DATA_EXPORTED, "programmes.csv"),
        (national_admin, AuditEntry.Action.DATA_EXPORTED, "national systems.csv"),
    ]
    assert entries[0].object_type == "portal.integratedcaresystem"


def test_a_download_and_an_erasure_of_personal_data_are_recorded():
    person = UserFactory()

    personal_data_export(user=person)
    personal_data_erase(user=person)

    entries = AuditEntry.objects.order_by("pk")
    assert [(entry.action, entry.object_id, entry.actor_id) for entry in entries] == [
        (AuditEntry.Action.PERSONAL_DATA_DOWNLOADED, str(person.pk), person.pk),
        (AuditEntry.Action.PERSONAL_DATA_ERASED, str(person.pk), person.pk),
    ]


@pytest.fixture
def entry(cohort, admin):
    application = ApplicationFactory(cohort=cohort, under_review=True)
    application_offer(application_id=application.pk, admin=admin)
    return the_entry()


def test_national_admins_read_the_log_but_cannot_change_it(client, entry):
    client.force_login(UserFactory(national_admin=True))

    listing = client.get(reverse("admin:portal_auditentry_changelist"))
    detail = client.get(reverse("admin:portal_auditentry_change", args=[entry.pk]))

    assert listing.status_code == 200
    assert "Decided an application" in listing.content.decode()
    assert detail.status_code == 200
    assert 'name="_save"' not in detail.content.decode()
    assert client.get(reverse("admin:portal_auditentry_add")).status_code == 403
    assert client.post(reverse("admin:portal_auditentry_delete", args=[entry.pk]), {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


@pytest.mark.parametrize(
    "who",
    [
        lambda admin: UserFactory(is_staff=True),  # may use the Django admin, but is not a national admin
        lambda admin: UserFactory(is_staff=True, is_superuser=True),  # every permission, still not national
        lambda admin: admin,  # the academy admin who made the entry
        lambda admin: UserFactory(),
    ],
    ids=["admin-site user", "superuser who is not a national admin", "academy admin", "staff member"],
)
def test_nobody_else_can_read_the_log(client, entry, admin, who):
    client.force_login(who(admin))

    response = client.get(reverse("admin:portal_auditentry_changelist"))

    assert response.status_code in (302, 403)
    assert "Decided an application" not in response.content.decode()


def test_nobody_signed_out_can_read_the_log(client, entry):
    response = client.get(reverse("admin:portal_auditentry_changelist"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
