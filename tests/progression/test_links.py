"""The answer page, reached from the e-mailed link with no sign-in: answer, check, confirm; a reused, altered or
expired link changes nothing and says so."""

import time

import pytest
from django.core import signing
from django.urls import reverse

from progression.links import ALTERED, EXPIRED, SALT, USED, FollowUpLinkInvalid, follow_up_link_token
from progression.services import follow_up_answer
from tests.progression.factories import FollowUpFactory

pytestmark = pytest.mark.django_db

ANSWERS = {"role_changed": "yes", "band": "band_7", "new_responsibilities": "no"}


@pytest.fixture
def follow_up():
    return FollowUpFactory()


@pytest.fixture
def token(follow_up):
    return follow_up_link_token(follow_up)


def _unanswered(follow_up) -> bool:
    follow_up.refresh_from_db()
    return follow_up.answered_at is None and follow_up.role_changed is None and follow_up.band == ""


def test_answer_check_and_confirm_saves_the_answers_once(client, follow_up, token):
    page = client.get(reverse("progression:answer", args=[token]))
    assert page.status_code == 200
    assert "Has your role changed since you completed the programme?" in page.text

    check = client.post(reverse("progression:answer", args=[token]), ANSWERS)
    assert "Check your answers" in check.text
    assert "Band 7" in check.text
    assert _unanswered(follow_up)

    confirmed = client.post(reverse("progression:confirm", args=[token]), ANSWERS)
    assert confirmed.status_code == 302
    assert confirmed.url == reverse("progression:answered")
    follow_up.refresh_from_db()
    assert (follow_up.role_changed, follow_up.band, follow_up.new_responsibilities) == (True, "band_7", False)
    assert follow_up.answered_at is not None


def test_change_on_the_check_page_comes_back_to_the_questions_with_the_answers(client, token):
    page = client.post(reverse("progression:answer", args=[token]), {**ANSWERS, "change": "yes"})

    assert page.status_code == 200
    assert "How has your role changed since?" in page.text
    assert 'value="band_7" selected' in page.text


def test_a_confirm_without_answers_says_which_and_saves_nothing(client, follow_up, token):
    page = client.post(reverse("progression:confirm", args=[token]), {"role_changed": "yes", "band": "band_99"})

    assert page.status_code == 200
    assert "Choose your band or grade from the list" in page.text
    assert "Choose whether you have new leadership responsibilities" in page.text
    assert _unanswered(follow_up)


def test_a_reused_link_changes_nothing_and_says_so(client, follow_up, token):
    client.post(reverse("progression:confirm", args=[token]), ANSWERS)

    for name in ("progression:answer", "progression:confirm"):
        again = client.post(reverse(name, args=[token]), {**ANSWERS, "role_changed": "no", "band": "band_9"})
        assert again.status_code == 410
        assert USED in again.text
        assert "Nothing has been changed." in again.text
    follow_up.refresh_from_db()
    assert (follow_up.role_changed, follow_up.band) == (True, "band_7")
    with pytest.raises(FollowUpLinkInvalid, match="already been used"):  # the service refuses it too
        follow_up_answer(token=token, role_changed=False, band="band_9", new_responsibilities=True)


def test_an_altered_link_changes_nothing_and_says_so(client, follow_up, token):
    other = FollowUpFactory()
    forged = signing.dumps({"follow_up": other.pk, "nonce": str(other.link_nonce)}, salt="another-salt")

    for bad in (token[:-2] + "xx", forged):
        page = client.post(reverse("progression:confirm", args=[bad]), ANSWERS)
        assert page.status_code == 410
        assert ALTERED in page.text
    assert _unanswered(follow_up)
    assert _unanswered(other)


def test_another_follow_ups_nonce_opens_nothing(client, follow_up):
    other = FollowUpFactory()
    mixed = signing.dumps({"follow_up": follow_up.pk, "nonce": str(other.link_nonce)}, salt=SALT)

    page = client.post(reverse("progression:confirm", args=[mixed]), ANSWERS)

    assert page.status_code == 410
    assert _unanswered(follow_up)


def test_an_expired_link_changes_nothing_and_says_so(client, settings, monkeypatch, follow_up):
    signed_at = int(time.time()) - (settings.FOLLOW_UP_LINK_DAYS * 86400 + 60)
    monkeypatch.setattr(signing.TimestampSigner, "timestamp", lambda self: signing.b62_encode(signed_at))
    token = follow_up_link_token(follow_up)
    monkeypatch.undo()

    page = client.post(reverse("progression:confirm", args=[token]), ANSWERS)

    assert page.status_code == 410
    assert EXPIRED in page.text
    assert _unanswered(follow_up)
