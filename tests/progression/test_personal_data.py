"""A person's follow-ups are in their download, and erasure deletes them."""

import pytest
from django.utils import timezone

from portal.models import EmailDelivery
from portal.personal_data_registry import personal_data_registered
from progression.models import FollowUp
from progression.tasks import send_follow_up_email
from tests.progression.factories import FollowUpFactory

pytestmark = pytest.mark.django_db


def _registration():
    return next(entry for entry in personal_data_registered() if entry.app_label == "progression")


def test_the_download_holds_the_persons_answers_only():
    mine = FollowUpFactory(band="band_7", role_changed=True, answered_at=timezone.now())
    FollowUpFactory(band="band_9")

    exported = _registration().export(mine.application.applicant)["follow_ups"]

    assert [(row["band"], row["role_changed"], row["point"]) for row in exported] == [("Band 7", True, "6 months")]
    assert exported[0]["programme"] == mine.application.programme.title


def test_erasure_deletes_the_answers_and_keeps_the_email_key():
    mine = FollowUpFactory(band="band_7")
    other = FollowUpFactory()
    send_follow_up_email(mine.pk)

    _registration().erase(mine.application.applicant)

    assert list(FollowUp.objects.all()) == [other]
    (delivery,) = EmailDelivery.objects.filter(key=f"progression-follow-up:{mine.pk}")
    assert mine.application.programme.title not in delivery.subject
