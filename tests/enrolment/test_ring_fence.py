"""Ring-fenced places (issue 18 part 3) and their release to the open pool (part 4): each rule asked of the
service and posted straight to its URL."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from enrolment.models import Application, EnrolmentError, RingFenceDeclaration, Status
from enrolment.services.allocations import AllocationRefused
from enrolment.services.decisions import CohortFull, application_offer
from enrolment.services.release import allocation_release_date_set, allocations_release_due
from enrolment.services.ring_fence import declaration_save, ring_fence_set
from enrolment.tasks import release_allocations
from portal.models import AuditEntry
from portal.personal_data_registry import personal_data_registered
from tests.academies.factories import AcademyAdminFactory, AcademyFactory
from tests.enrolment.allocation_factories import PlaceAllocationFactory
from tests.enrolment.factories import ApplicationFactory, CohortFactory

pytestmark = pytest.mark.django_db

RULE = "Staff from a Black, Asian or minority ethnic background (Demo rule)"
SOURCE = "https://www.example.nhs.test/programme/rules"


@pytest.fixture
def cohort():
    return CohortFactory(capacity=3, academy=AcademyFactory(local_partner=True))


@pytest.fixture
def admin(cohort):
    return AcademyAdminFactory(academy=cohort.academy).user


@pytest.fixture
def kept(cohort, admin):
    return ring_fence_set(admin=admin, cohort_id=cohort.pk, places=1, rule=RULE, source=SOURCE)


def declarant(cohort, allocation, **kwargs):
    application = ApplicationFactory(cohort=cohort, status=Status.DRAFT)
    declaration_save(application_id=application.pk, applicant=application.applicant, allocation_ids=[allocation.pk])
    Application.objects.filter(pk=application.pk).update(status=Status.UNDER_REVIEW)
    return application


def test_a_ring_fenced_place_is_charged_only_to_a_declarant(cohort, admin, kept):
    others = [ApplicationFactory(cohort=cohort, under_review=True) for _ in range(3)]
    application_offer(application_id=others[0].pk, admin=admin)
    application_offer(application_id=others[1].pk, admin=admin)

    with pytest.raises(CohortFull):  # the third place is kept: not for someone who did not declare
        application_offer(application_id=others[2].pk, admin=admin)
    application = declarant(cohort, kept)
    application_offer(application_id=application.pk, admin=admin)

    application.refresh_from_db()
    assert application.place_allocation == kept
    assert Application.objects.get(pk=others[2].pk).status == Status.UNDER_REVIEW


def test_a_declarant_takes_the_open_pool_once_the_kept_places_are_taken(cohort, admin, kept):
    first, second = declarant(cohort, kept), declarant(cohort, kept)
    application_offer(application_id=first.pk, admin=admin)
    application_offer(application_id=second.pk, admin=admin)

    assert Application.objects.get(pk=second.pk).place_allocation is None


def test_a_ring_fence_needs_the_rules_source_and_fits_the_ledger(cohort, admin):
    with pytest.raises(AllocationRefused, match="where the rule is published") as refused:
        ring_fence_set(admin=admin, cohort_id=cohort.pk, places=1, rule=RULE, source="not a web address")
    assert refused.value.problems == {"source": refused.value.problems["source"]}
    with pytest.raises(AllocationRefused, match="Only 3 more places"):
        ring_fence_set(admin=admin, cohort_id=cohort.pk, places=4, rule=RULE, source=SOURCE)
    with pytest.raises(EnrolmentError, match="no such cohort"):
        ring_fence_set(admin=AcademyAdminFactory().user, cohort_id=cohort.pk, places=1, rule=RULE, source=SOURCE)

    assert not cohort.allocations.exists()


def test_the_page_keeps_places_and_refuses_a_missing_source_on_its_field(client, cohort, admin):
    client.force_login(admin)
    url = reverse("enrolment:workspace_ring_fence", args=[cohort.pk])

    refused = client.post(url, {"ring_fence-rule": RULE, "ring_fence-source": "", "ring_fence-places": 1})
    saved = client.post(url, {"ring_fence-rule": RULE, "ring_fence-source": SOURCE, "ring_fence-places": 2})

    assert refused.status_code == 200
    assert 'id="id_ring_fence-source_error"' in refused.content.decode()
    assert saved.status_code == 302
    assert list(cohort.allocations.values_list("ring_fence_rule", "ring_fence_source", "places")) == [(RULE, SOURCE, 2)]


def test_a_declaration_is_only_for_the_drafts_own_cohorts_kept_places(cohort, kept):
    other = PlaceAllocationFactory(ics=None, ring_fence_rule=RULE, ring_fence_source=SOURCE, places=1)
    application = ApplicationFactory(cohort=cohort, status=Status.DRAFT)

    with pytest.raises(EnrolmentError, match="Choose only the places kept"):
        declaration_save(application_id=application.pk, applicant=application.applicant, allocation_ids=[other.pk])
    submitted = ApplicationFactory(cohort=cohort, under_review=True)
    with pytest.raises(EnrolmentError, match="submitted"):
        declaration_save(application_id=submitted.pk, applicant=submitted.applicant, allocation_ids=[kept.pk])

    assert not RingFenceDeclaration.objects.exists()


def test_the_declaration_page_is_asked_only_where_places_are_kept_and_posting_saves_it(client, cohort, kept):
    application = ApplicationFactory(cohort=cohort, status=Status.DRAFT)
    without = ApplicationFactory(cohort=CohortFactory(), status=Status.DRAFT)
    client.force_login(application.applicant)
    url = reverse("enrolment:application_page", args=[application.pk, "places-kept"])

    page = client.get(url)
    hostile = client.post(url, {"declared": ["999999"]})
    response = client.post(url, {"declared": [str(kept.pk)]})
    client.force_login(without.applicant)

    assert RULE in page.content.decode()
    assert 'id="id_declared_error"' in hostile.content.decode()
    assert response.status_code == 302
    assert list(RingFenceDeclaration.objects.values_list("application", "allocation")) == [(application.pk, kept.pk)]
    assert client.get(reverse("enrolment:application_page", args=[without.pk, "places-kept"])).status_code == 404


def test_only_the_deciding_academy_sees_a_declaration(client, cohort, admin, kept):
    application = declarant(cohort, kept)
    url = reverse("enrolment:academy_application", args=[application.pk])
    client.force_login(admin)

    assert RULE in client.get(url).content.decode()


def test_a_declaration_is_exported_and_erased_with_the_person(cohort, kept):
    application = declarant(cohort, kept)
    enrolment = next(entry for entry in personal_data_registered() if entry.app_label == "enrolment")

    exported = enrolment.export(application.applicant)
    enrolment.erase(application.applicant)

    assert exported["your_declarations_for_ring_fenced_places"][0]["rule"] == RULE
    assert not RingFenceDeclaration.objects.exists()


# --------------------------------------------------------------------------------------------------------------
# Release


def test_a_release_date_must_be_from_today_to_the_last_day_to_join(cohort, admin):
    allocation = PlaceAllocationFactory(cohort=cohort, places=2)
    today = timezone.localdate()

    with pytest.raises(AllocationRefused, match="today or later"):
        allocation_release_date_set(admin=admin, allocation_id=allocation.pk, release_on=today - timedelta(days=1))
    with pytest.raises(AllocationRefused, match="last day to join"):
        allocation_release_date_set(
            admin=admin, allocation_id=allocation.pk, release_on=cohort.last_joining_day + timedelta(days=1)
        )
    with pytest.raises(EnrolmentError, match="no such allocation"):
        allocation_release_date_set(admin=AcademyAdminFactory().user, allocation_id=allocation.pk, release_on=today)

    allocation.refresh_from_db()
    assert allocation.release_on is None


def test_the_page_sets_a_release_date_and_refuses_a_past_one_on_its_field(client, cohort, admin):
    allocation = PlaceAllocationFactory(cohort=cohort, places=2)
    client.force_login(admin)
    url = reverse("enrolment:workspace_release_date", args=[cohort.pk])
    today = timezone.localdate()

    refused = client.post(url, {"release-allocation": allocation.pk, "release-release_on": today - timedelta(days=1)})
    saved = client.post(url, {"release-allocation": allocation.pk, "release-release_on": today})

    assert 'id="id_release-release_on_error"' in refused.content.decode()
    assert saved.status_code == 302
    allocation.refresh_from_db()
    assert allocation.release_on == today


@pytest.mark.usefixtures("tasks_run_in_process")
def test_the_release_task_run_twice_moves_the_same_places_once_and_the_waiting_list_moves(
    cohort, django_capture_on_commit_callbacks
):
    allocation = PlaceAllocationFactory(cohort=cohort, places=2, release_on=timezone.localdate())
    ApplicationFactory(cohort=cohort, accepted=True)  # the open pool's one place
    waiting = ApplicationFactory(cohort=cohort, waitlisted=True)

    with django_capture_on_commit_callbacks(execute=True):
        assert release_allocations() == 2
    with django_capture_on_commit_callbacks(execute=True):
        assert release_allocations() == 0
    assert allocations_release_due() == 0

    allocation.refresh_from_db()
    assert (allocation.places, allocation.released_places) == (0, 2)
    assert allocation.released_at is not None
    assert Application.objects.get(pk=waiting.pk).status == Status.OFFERED
    released = AuditEntry.objects.filter(summary__contains="released to the open pool")
    assert released.count() == 1


def test_release_keeps_the_places_taken_and_nominated_and_waits_for_its_day(cohort):
    allocation = PlaceAllocationFactory(cohort=cohort, places=3, release_on=timezone.localdate() + timedelta(days=1))
    ApplicationFactory(cohort=cohort, accepted=True, place_allocation=allocation)

    assert allocations_release_due() == 0
    assert allocations_release_due(today=timezone.localdate() + timedelta(days=1)) == 2
    allocation.refresh_from_db()
    assert allocation.places == 1
    with pytest.raises(AllocationRefused, match="already released"):
        allocation_release_date_set(
            admin=AcademyAdminFactory(academy=cohort.academy).user, allocation_id=allocation.pk, release_on=None
        )
