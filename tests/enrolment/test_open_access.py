import pytest
from django.urls import reverse

from enrolment.models import Certificate, Enrolment, EnrolmentError
from enrolment.services.open_access import enrolment_complete, enrolment_start
from tests.portal.factories import UserFactory
from tests.programmes.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def jenner():
    return ProgrammeFactory(open_access=True, title="Edward Jenner programme", slug="edward-jenner-programme")


def test_enrol_now_creates_the_enrolment_at_once_and_only_once(client, jenner):
    client.force_login(UserFactory())

    first = client.post(reverse("enrolment:enrol", args=[jenner.slug]))
    client.post(reverse("enrolment:enrol", args=[jenner.slug]))

    assert first.url == reverse("enrolment:learning")
    assert Enrolment.objects.count() == 1
    assert "Edward Jenner programme" in client.get(first.url).content.decode()


def test_a_cohort_programme_cannot_be_enrolled_on_directly():
    with pytest.raises(EnrolmentError):
        enrolment_start(learner=UserFactory(), programme=ProgrammeFactory())


def test_completing_gives_a_certificate_with_the_hours_that_anyone_can_verify(client, jenner):
    learner = UserFactory(full_name="Grace Mensah")
    enrolment = enrolment_start(learner=learner, programme=jenner)
    client.force_login(learner)

    response = client.post(reverse("enrolment:enrolment_complete", args=[enrolment.pk]), {"cpd_hours": "12"})

    certificate = Certificate.objects.get()
    assert response.url == reverse("enrolment:certificate", args=[certificate.code])
    assert Enrolment.objects.get().status == Enrolment.Status.COMPLETED
    client.logout()
    html = client.get(response.url).content.decode()
    assert "Grace Mensah" in html
    assert "Edward Jenner programme" in html
    assert "<strong>12</strong>" in html


@pytest.mark.parametrize("hours", ["0", "501", "-3", "twelve", ""])
def test_impossible_hours_are_refused_and_nothing_is_completed(client, jenner, hours):
    learner = UserFactory()
    enrolment = enrolment_start(learner=learner, programme=jenner)
    client.force_login(learner)

    response = client.post(reverse("enrolment:enrolment_complete", args=[enrolment.pk]), {"cpd_hours": hours})

    assert response.status_code == 200
    assert 'id="id_cpd_hours_error"' in response.content.decode()
    assert Enrolment.objects.get().status == Enrolment.Status.IN_PROGRESS
    assert not Certificate.objects.exists()


def test_a_programme_is_completed_once(jenner):
    learner = UserFactory()
    enrolment = enrolment_start(learner=learner, programme=jenner)
    enrolment_complete(enrolment_id=enrolment.pk, learner=learner, cpd_hours=5)

    with pytest.raises(EnrolmentError):
        enrolment_complete(enrolment_id=enrolment.pk, learner=learner, cpd_hours=5)

    assert Certificate.objects.count() == 1


def test_someone_elses_enrolment_is_a_404(client, jenner):
    enrolment = enrolment_start(learner=UserFactory(), programme=jenner)
    client.force_login(UserFactory())

    url = reverse("enrolment:enrolment_complete", args=[enrolment.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"cpd_hours": "3"}).status_code == 404
    assert Enrolment.objects.get().status == Enrolment.Status.IN_PROGRESS


def test_an_unknown_certificate_code_is_a_404(client):
    assert client.get("/certificates/00000000-0000-0000-0000-000000000000/").status_code == 404
    assert client.get("/certificates/not-a-code/").status_code == 404
