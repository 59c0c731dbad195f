"""The optional equality profile: a person answers, changes or deletes their own answers, and nobody else ever sees
them, not on a report, an export or the admin."""

import pytest
from django.contrib import admin
from django.urls import reverse

from reporting.models import EqualityProfile, ReportFact
from tests.portal.factories import UserFactory

pytestmark = pytest.mark.django_db
URL = reverse("reporting:equality_profile")


def test_the_questions_offer_the_ons_groups_and_prefer_not_to_say_for_each(client):
    client.force_login(UserFactory())

    html = client.get(URL).content.decode()

    for text in [
        '<optgroup label="Asian, Asian British or Asian Welsh">',
        '<optgroup label="Black, Black British, Black Welsh, Caribbean or African">',
        '<optgroup label="Mixed or Multiple ethnic groups">',
        '<optgroup label="White">',
        '<optgroup label="Other ethnic group">',
        "English, Welsh, Scottish, Northern Irish or British",
        "Gypsy or Irish Traveller",
        "Roma",
        "Arab",
    ]:
        assert text in html
    assert html.count(">Prefer not to say<") == 4
    assert 'class="nhsuk-radios__input"' in html


def test_answers_are_saved_shown_back_to_their_owner_and_can_be_changed(client):
    person = UserFactory()
    client.force_login(person)

    client.post(URL, {"ethnicity": "black_african", "sex": "female", "disability": "no", "age_band": "35_44"})
    client.post(URL, {"ethnicity": "black_african", "sex": "prefer_not_to_say", "disability": "", "age_band": ""})

    profile = EqualityProfile.objects.get(user=person)
    assert (profile.ethnicity, profile.sex, profile.disability, profile.age_band) == (
        "black_african",
        "prefer_not_to_say",
        "",
        "",
    )
    assert 'value="black_african" selected' in client.get(URL).content.decode()


def test_every_question_may_be_left_unanswered(client):
    person = UserFactory()
    client.force_login(person)

    response = client.post(URL, {})

    assert response.status_code == 302
    assert EqualityProfile.objects.filter(user=person, ethnicity="", sex="", disability="", age_band="").exists()


def test_deleting_takes_back_every_answer(client):
    person = UserFactory()
    client.force_login(person)
    client.post(URL, {"ethnicity": "white_roma"})

    response = client.post(reverse("reporting:equality_profile_delete"))

    assert response.url == URL
    assert not EqualityProfile.objects.filter(user=person).exists()
    assert client.get(reverse("reporting:equality_profile_delete")).status_code == 405


def test_no_admin_screen_shows_answers_or_the_rows_behind_the_reports():
    assert EqualityProfile not in admin.site._registry
    assert ReportFact not in admin.site._registry


def test_the_dashboard_shows_no_one_persons_answers(client, known):
    person = known.hospital.staff_profiles.first().user
    client.force_login(person)
    client.post(URL, {"ethnicity": "white_gypsy_traveller", "sex": "male"})
    client.force_login(known.lead)

    html = client.get(reverse("reporting:ics_dashboard", args=[known.riverside.slug])).content.decode()

    assert person.full_name not in html and person.email not in html
    assert "Gypsy or Irish Traveller" not in html


def test_the_profile_page_links_to_the_equality_questions(client):
    client.force_login(UserFactory())

    assert f'href="{URL}"' in client.get(reverse("profile")).content.decode()
