import time

import pytest
from django.urls import reverse

from portal.models import EmailDelivery, User


@pytest.mark.django_db(transaction=True)
def test_registering_sends_the_welcome_email_from_a_real_worker_on_redis(client, celery_worker_process):
    response = client.post(
        reverse("register"),
        {
            "full_name": "Kemi Adeyemi",
            "email": "kemi.adeyemi@example.nhs.test",
            "password1": "a-long-and-unusual-passphrase",
            "password2": "a-long-and-unusual-passphrase",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(email="kemi.adeyemi@example.nhs.test")

    deadline = time.monotonic() + 30
    delivery = None
    while time.monotonic() < deadline:
        delivery = EmailDelivery.objects.filter(key=f"welcome:{user.pk}", sent_at__isnull=False).first()
        if delivery:
            break
        time.sleep(0.2)

    assert delivery is not None, celery_worker_process.log()
    assert delivery.to == user.email
    assert "send_welcome_email" in celery_worker_process.log()
