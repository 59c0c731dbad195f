"""Weak passwords are refused wherever a password is chosen: at registration and when resetting one."""

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from portal.models import User
from tests.portal.factories import TEST_PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

# (password, what the page says), for someone called Priya Raman at priya.raman@example.nhs.test
WEAK = [
    ("nine-char", "too short. It must contain at least 10 characters"),
    ("password123", "too common"),
    ("12345678901234", "entirely numeric"),
    ("priya.raman1", "too similar"),
]


@pytest.mark.parametrize(("password", "message"), WEAK)
def test_registration_refuses_a_weak_password(client, password, message):
    response = client.post(
        reverse("register"),
        {
            "full_name": "Priya Raman",
            "email": "priya.raman@example.nhs.test",
            "password1": password,
            "password2": password,
        },
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not User.objects.exists()


@pytest.fixture
def reset_page(client):
    """The page for choosing a new password, reached from the e-mailed link."""
    user = UserFactory(full_name="Priya Raman", email="priya.raman@example.nhs.test")
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    link = client.get(reverse("password_reset_confirm", args=[uid, default_token_generator.make_token(user)]))
    assert link.status_code == 302  # the token moves into the session, out of the address
    return user, link.url


@pytest.mark.parametrize(("password", "message"), WEAK)
def test_a_password_reset_refuses_a_weak_password(client, reset_page, password, message):
    user, address = reset_page

    response = client.post(address, {"new_password1": password, "new_password2": password})

    assert response.status_code == 200
    assert message in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(TEST_PASSWORD)


def test_a_password_reset_accepts_a_strong_password(client, reset_page):
    user, address = reset_page
    strong = "a-long-unusual-phrase"

    response = client.post(address, {"new_password1": strong, "new_password2": strong})

    assert response.url == reverse("password_reset_complete")
    user.refresh_from_db()
    assert user.check_password(strong)
