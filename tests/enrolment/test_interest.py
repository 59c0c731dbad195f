"""'Tell me when applications open': registering (signed in, or by an e-mail address confirmed from a signed link),
the one e-mail per interest and cohort when a cohort opens, stopping them, and what academies see."""

import re
from datetime import timedelta

import pytest
from django.core import mail, signing
from django.urls import reverse
from django.utils import timezone

from enrolment import tasks
from enrolment.models import Cohort, ProgrammeInterest
from enrolment.services import interest as service
from enrolment.services.cohorts import InvalidInput, cohort_create, cohorts_advance_schedule
from portal.models import EmailDelivery, OutboxMessage
from portal.privacy import personal_data_erase, personal_data_export
from tests.academies.factories import AcademyAdminFactory
from tests.enrolment.factories import CohortFactory
from tests.portal.factories import RegionFactory, UserFactory
from tests.programmes.factories import ProgrammeFactory

pytestmark = pytest.mark.django_db
LINK = re.compile(r"http://\S+?/tell-me/(?:confirm|stop)/\S+?/")


def confirmation_sends() -> int:
    return OutboxMessage.objects.filter(task="enrolment.tasks.send_interest_confirmation").count()


def links_in(message) -> list[str]:
    return LINK.findall(message.body)


def confirmed_by_email(programme, email, region=None) -> ProgrammeInterest:
    interest = service.interest_register(programme=programme, region=region, email=email)
    token = service.interest_confirm_token(interest, region.pk if region else None)
    return service.interest_confirm(token=token)


# --------------------------------------------------------------------------------------------------------------
# Registering


def test_a_signed_in_person_registers_once_and_can_change_the_region():
    programme, person, region = ProgrammeFactory(), UserFactory(), RegionFactory()

    service.interest_register(programme=programme, region=None, user=person)
    again = service.interest_register(programme=programme, region=region, user=person)

    assert ProgrammeInterest.objects.get() == again
    assert again.region == region and again.is_confirmed and again.email == ""


def test_an_address_is_unconfirmed_until_its_link_is_followed_and_asking_twice_sends_one_link():
    programme = ProgrammeFactory()

    first = service.interest_register(programme=programme, region=None, email=" Someone@Example.NHS.uk ")
    second = service.interest_register(programme=programme, region=None, email="someone@example.nhs.uk")

    assert ProgrammeInterest.objects.get() == first == second
    assert first.email == "someone@example.nhs.uk" and not first.is_confirmed
    assert confirmation_sends() == 1


def test_asking_again_after_a_while_sends_a_new_link():
    programme = ProgrammeFactory()
    service.interest_register(programme=programme, region=None, email="someone@example.nhs.uk")

    later = timezone.now() + service.CONFIRMATION_RESEND_AFTER + timedelta(seconds=1)
    service.interest_register(programme=programme, region=None, email="someone@example.nhs.uk", now=later)

    assert confirmation_sends() == 2


@pytest.mark.parametrize(
    ("email", "message"),
    [("", "Enter your e-mail address"), ("not an address", service.EMAIL_FORMAT), ("a@b", service.EMAIL_FORMAT)],
)
def test_a_bad_address_is_an_error_on_its_field_and_writes_nothing(email, message):
    with pytest.raises(InvalidInput) as refused:
        service.interest_register(programme=ProgrammeFactory(), region=None, email=email)

    assert refused.value.problems == {"email": message}
    assert not ProgrammeInterest.objects.exists() and confirmation_sends() == 0


def test_an_open_access_programme_has_nothing_to_wait_for():
    with pytest.raises(InvalidInput):
        service.interest_register(programme=ProgrammeFactory(open_access=True), region=None, user=UserFactory())

    assert not ProgrammeInterest.objects.exists()


def test_the_confirmation_link_sets_the_region_chosen_and_a_forged_one_does_nothing():
    programme, region = ProgrammeFactory(), RegionFactory()
    interest = service.interest_register(programme=programme, region=region, email="someone@example.nhs.uk")
    token = service.interest_confirm_token(interest, region.pk)

    with pytest.raises(service.InterestLinkInvalid):
        service.interest_confirm(token=token[:-2] + "xx")
    forged = signing.dumps({"interest": interest.pk, "email": "someone@example.nhs.uk", "region": None})
    with pytest.raises(service.InterestLinkInvalid):
        service.interest_confirm(token=forged)  # signed, but not with the confirmation's salt
    assert not ProgrammeInterest.objects.get().is_confirmed

    confirmed = service.interest_confirm(token=token)
    assert confirmed.is_confirmed and confirmed.region == region


def test_the_confirmation_email_carries_the_link_and_is_sent_once(
    tasks_run_in_process, django_capture_on_commit_callbacks
):
    programme = ProgrammeFactory()
    with django_capture_on_commit_callbacks(execute=True):
        interest = service.interest_register(programme=programme, region=None, email="someone@example.nhs.uk")
    stamp = int(interest.confirmation_sent_at.timestamp())

    assert tasks.send_interest_confirmation(interest.pk, None, stamp) is False  # a retry sends nothing more
    (message,) = mail.outbox
    assert message.to == ["someone@example.nhs.uk"]
    confirm, stop = links_in(message)
    assert "/tell-me/confirm/" in confirm and "/tell-me/stop/" in stop


# --------------------------------------------------------------------------------------------------------------
# A cohort opens


@pytest.fixture
def waiting(tasks_run_in_process):
    """A programme with no cohort yet, and people waiting: in the north, the south, anywhere, and one unconfirmed."""
    programme = ProgrammeFactory()
    north, south = RegionFactory(name="North"), RegionFactory(name="South")
    people = {
        "north": service.interest_register(programme=programme, region=north, user=UserFactory()),
        "south": service.interest_register(programme=programme, region=south, user=UserFactory()),
        "anywhere": confirmed_by_email(programme, "anywhere@example.nhs.uk"),
        "unconfirmed": service.interest_register(programme=programme, region=None, email="later@example.nhs.uk"),
        "other programme": service.interest_register(programme=ProgrammeFactory(), region=None, user=UserFactory()),
    }
    return programme, north, people


def recipients() -> set[str]:
    return {message.to[0] for message in mail.outbox if message.subject.startswith("Applications are open")}


def test_opening_a_cohort_emails_each_interest_it_concerns_once(waiting, django_capture_on_commit_callbacks):
    programme, north, people = waiting
    cohort = CohortFactory(programme=programme, region=north)  # its window is open, its status not yet

    with django_capture_on_commit_callbacks(execute=True):
        assert cohorts_advance_schedule() == 1
    with django_capture_on_commit_callbacks(execute=True):
        cohorts_advance_schedule()  # the beat's next run
        tasks.tell_interested_people(cohort.pk)  # and a retry of the fan-out

    assert recipients() == {people["north"].user.email, "anywhere@example.nhs.uk"}
    assert len(mail.outbox) == 2
    keys = set(EmailDelivery.objects.values_list("key", flat=True))
    assert f"interest:{people['north'].pk}:cohort:{cohort.pk}" in keys


def test_an_online_cohort_concerns_every_region_but_not_an_unconfirmed_address(
    waiting, django_capture_on_commit_callbacks
):
    programme, north, people = waiting
    CohortFactory(programme=programme, region=north, is_online=True, venue="")

    with django_capture_on_commit_callbacks(execute=True):
        cohorts_advance_schedule()

    assert recipients() == {people["north"].user.email, people["south"].user.email, "anywhere@example.nhs.uk"}
    assert "later@example.nhs.uk" not in recipients()


def test_a_cohort_created_open_tells_people_at_once(waiting, django_capture_on_commit_callbacks):
    programme, north, people = waiting
    admin = AcademyAdminFactory(academy=programme.provider).user
    with django_capture_on_commit_callbacks(execute=True):
        cohort = cohort_create(admin=admin, academy=programme.provider, programme=programme, **_cohort_fields(north))

    assert cohort.status == Cohort.Status.OPEN
    assert recipients() == {people["north"].user.email, "anywhere@example.nhs.uk"}


def _cohort_fields(region) -> dict:
    now = timezone.now()
    return {
        "name": "Opens at once",
        "starts_on": timezone.localdate() + timedelta(days=60),
        "ends_on": timezone.localdate() + timedelta(days=120),
        "venue": "Leeds",
        "region": region,
        "capacity": 10,
        "applications_open_at": now - timedelta(hours=1),
        "applications_close_at": now + timedelta(days=20),
    }


def test_a_cohort_cancelled_before_the_email_goes_sends_nothing(waiting, django_capture_on_commit_callbacks):
    programme, north, people = waiting
    cohort = CohortFactory(programme=programme, region=north, status=Cohort.Status.CANCELLED)

    assert tasks.send_interest_email(people["north"].pk, cohort.pk) is False
    assert mail.outbox == []


def test_the_email_links_to_the_programme_and_stops_with_its_own_link(
    waiting, client, django_capture_on_commit_callbacks
):
    programme, north, people = waiting
    CohortFactory(programme=programme, region=north)
    with django_capture_on_commit_callbacks(execute=True):
        cohorts_advance_schedule()
    message = next(m for m in mail.outbox if m.to == ["anywhere@example.nhs.uk"])
    assert programme.get_absolute_url() in message.body
    (stop,) = links_in(message)
    path = stop.split("//", 1)[1].split("/", 1)[1]

    assert client.get("/" + path).status_code == 200
    assert ProgrammeInterest.objects.filter(pk=people["anywhere"].pk).exists()  # opening the link changes nothing
    assert client.post("/" + path).status_code == 200
    assert not ProgrammeInterest.objects.filter(pk=people["anywhere"].pk).exists()
    assert client.post("/" + path).status_code == 200  # again: nothing left to stop, and no error


# --------------------------------------------------------------------------------------------------------------
# Pages, posted to directly


def test_posting_the_form_signed_in_registers_and_lists_it(client):
    programme, person, region = ProgrammeFactory(), UserFactory(), RegionFactory()
    client.force_login(person)

    response = client.post(reverse("enrolment:interest_register", args=[programme.slug]), {"region": region.pk})

    assert response.status_code == 302 and response["Location"] == reverse("enrolment:interests")
    interest = ProgrammeInterest.objects.get(user=person)
    assert interest.region == region
    assert programme.title in client.get(reverse("enrolment:interests")).content.decode()


def test_posting_a_bad_address_shows_the_error_on_the_field(client):
    programme = ProgrammeFactory()

    response = client.post(reverse("enrolment:interest_register", args=[programme.slug]), {"email": "nope"})

    assert response.status_code == 200
    assert response.context["form"].errors == {"email": [service.EMAIL_FORMAT]}
    assert not ProgrammeInterest.objects.exists()


def test_posting_a_region_that_is_not_one_is_an_error_on_its_field(client):
    client.force_login(UserFactory())

    response = client.post(
        reverse("enrolment:interest_register", args=[ProgrammeFactory().slug]), {"region": "99999"}
    )

    assert response.context["form"].errors == {"region": ["Choose a region from the list, or anywhere"]}
    assert not ProgrammeInterest.objects.exists()


def test_posting_an_address_asks_to_check_email(client):
    programme = ProgrammeFactory()

    response = client.post(
        reverse("enrolment:interest_register", args=[programme.slug]), {"email": "someone@example.nhs.uk"}
    )

    assert "Check your e-mail" in response.content.decode()
    assert not ProgrammeInterest.objects.get().is_confirmed


def test_the_confirmation_page_confirms_only_on_its_button(client):
    programme = ProgrammeFactory()
    interest = service.interest_register(programme=programme, region=None, email="someone@example.nhs.uk")
    url = reverse("enrolment:interest_confirm", args=[service.interest_confirm_token(interest, None)])

    assert client.get(url).status_code == 200
    assert not ProgrammeInterest.objects.get().is_confirmed
    assert client.post(url).status_code == 200
    assert ProgrammeInterest.objects.get().is_confirmed
    bad = client.get(reverse("enrolment:interest_confirm", args=["not-a-token"]))
    assert bad.status_code == 410 and "This link is not valid" in bad.content.decode()


def test_a_person_withdraws_only_their_own_interest(client):
    programme = ProgrammeFactory()
    mine = service.interest_register(programme=programme, region=None, user=UserFactory())
    theirs = service.interest_register(programme=programme, region=None, user=UserFactory())
    client.force_login(mine.user)

    assert client.post(reverse("enrolment:interest_withdraw", args=[theirs.pk])).status_code == 404
    assert client.get(reverse("enrolment:interest_withdraw", args=[mine.pk])).status_code == 405
    assert client.post(reverse("enrolment:interest_withdraw", args=[mine.pk])).status_code == 302
    assert list(ProgrammeInterest.objects.all()) == [theirs]


def test_an_interest_confirmed_from_a_persons_address_is_theirs_to_see_and_stop(client):
    person = UserFactory(email="someone@example.nhs.uk")
    interest = confirmed_by_email(ProgrammeFactory(), "someone@example.nhs.uk")
    client.force_login(person)

    assert interest.programme.title in client.get(reverse("enrolment:interests")).content.decode()
    assert client.post(reverse("enrolment:interest_withdraw", args=[interest.pk])).status_code == 302
    assert not ProgrammeInterest.objects.exists()


def test_a_programme_page_with_no_open_cohort_offers_the_form_and_one_with_an_open_cohort_does_not(client):
    waiting_for, open_now = ProgrammeFactory(), ProgrammeFactory()
    CohortFactory(programme=open_now)
    CohortFactory(programme=waiting_for, opens_later=True)
    offer = reverse("enrolment:interest_register", args=[waiting_for.slug])

    assert offer in client.get(waiting_for.get_absolute_url()).content.decode()
    assert "Tell me when applications open" not in client.get(open_now.get_absolute_url()).content.decode()
    assert "Tell me when applications open" not in client.get(
        ProgrammeFactory(open_access=True).get_absolute_url()
    ).content.decode()


# --------------------------------------------------------------------------------------------------------------
# What academies see


def test_the_workspace_and_cohort_page_count_the_confirmed_people_waiting(client, admin, cohort):
    programme = cohort.programme
    for _ in range(3):
        service.interest_register(programme=programme, region=None, user=UserFactory())
    service.interest_register(programme=programme, region=None, email="later@example.nhs.uk")  # not confirmed
    client.force_login(admin)

    home = client.get(reverse("enrolment:workspace"))
    page = client.get(reverse("enrolment:workspace_cohort", args=[cohort.pk]))

    assert [(p.title, p.interested) for p in home.context["interest"]] == [(programme.title, 3)]
    assert page.context["interested"] == 3
    assert "3 people have asked" in page.content.decode()


# --------------------------------------------------------------------------------------------------------------
# Personal data


def test_the_download_lists_and_erasure_removes_the_persons_interests_under_their_account_and_address():
    person = UserFactory(email="someone@example.nhs.uk")
    service.interest_register(programme=ProgrammeFactory(), region=None, user=person)
    confirmed_by_email(ProgrammeFactory(), "someone@example.nhs.uk")
    other = service.interest_register(programme=ProgrammeFactory(), region=None, user=UserFactory())

    assert len(personal_data_export(user=person)["programme_interests"]) == 2
    personal_data_erase(user=person)

    assert list(ProgrammeInterest.objects.all()) == [other]


def test_a_bare_post_signed_in_registers_for_anywhere(client):
    programme, person = ProgrammeFactory(), UserFactory()
    client.force_login(person)

    assert client.post(reverse("enrolment:interest_register", args=[programme.slug])).status_code == 302
    assert ProgrammeInterest.objects.get(user=person).region is None
