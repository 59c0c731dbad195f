import pytest
from django.core import mail
from django.urls import reverse

from portal.models import EmailDelivery, StaffProfile, User
from portal.tasks import send_welcome_email
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db

GOOD = {
    "full_name": "Ada Okafor",
    "email": "Ada.Okafor@example.nhs.test",
    "password1": "a-long-and-unusual-passphrase",
    "password2": "a-long-and-unusual-passphrase",
}


def test_registering_creates_the_account_and_profile_and_signs_in(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        response = client.post(reverse("register"), GOOD)

    assert response.status_code == 302
    assert response.url == reverse("profile")
    user = User.objects.get()
    assert user.email == "ada.okafor@example.nhs.test"
    assert user.check_password(GOOD["password1"])
    assert StaffProfile.objects.filter(user=user).exists()
    assert client.get(reverse("profile")).status_code == 200
    enqueued = [callback for callback in callbacks if "outbox_enqueue" in callback.__qualname__]
    assert len(enqueued) == 1, "the welcome e-mail is enqueued once, after the account is committed"


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"email": "TAKEN@example.nhs.test"}, "email", "already exists"),
        ({"password1": "password123", "password2": "password123"}, "password1", "too common"),
        ({"password1": "short", "password2": "short"}, "password1", "too short"),
        ({"password2": "something-else-entirely"}, "password2", "do not match"),
        ({"full_name": ""}, "full_name", "Enter your full name"),
        ({"email": "not-an-address"}, "email", "correct format"),
        ({"full_name": "Ada\r\nBcc: everyone@example.nhs.test"}, "full_name", "on one line"),
        ({"full_name": "Ada\tOkafor"}, "full_name", "on one line"),
    ],
)
def test_bad_registration_shows_the_error_beside_the_field_and_creates_nothing(client, change, field, message):
    UserFactory(email="taken@example.nhs.test")

    response = client.post(reverse("register"), {**GOOD, **change})

    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="id_{field}_error"' in html
    assert message in html
    assert User.objects.count() == 1
    assert StaffProfile.objects.count() == 0


def test_the_welcome_email_is_sent_once_however_often_the_task_runs():
    user = UserFactory(full_name="Sam Patel")

    assert send_welcome_email(user.pk) is True
    assert send_welcome_email(user.pk) is False

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email]
    assert "Sam Patel" in message.body
    assert message.alternatives[0][1] == "text/html"
    assert EmailDelivery.objects.get(key=f"welcome:{user.pk}").sent_at is not None


def test_the_welcome_email_task_does_nothing_for_an_unknown_user():
    assert send_welcome_email(987654) is False
    assert mail.outbox == []
