"""A filter that is not on the list is a 400 that says what to fix, on the page and in exports; never a 500."""

import pytest
from django.urls import reverse

from reporting.models import EqualityProfile

pytestmark = pytest.mark.django_db

BAD_FILTERS = [
    ({"period": "forever"}, "Choose a period from the list"),
    ({"period": "12\x00"}, "Choose a period from the list"),
    ({"programme": "abc"}, "Choose a programme from the list"),
    ({"programme": "-1"}, "Choose a programme from the list"),
    ({"programme": "99999999999999999999999"}, "Choose a programme from the list"),
    ({"programme": "1\x00"}, "Null characters are not allowed"),
    ({"organisation": "abc"}, "Choose an organisation in this system from the list"),
    ({"organisation": "9" * 40}, "Choose an organisation in this system from the list"),
]


@pytest.mark.parametrize(("filters", "message"), BAD_FILTERS)
def test_a_bad_filter_on_the_dashboard_says_what_to_fix(client, known, filters, message):
    client.force_login(known.lead)

    response = client.get(reverse("reporting:ics_dashboard", args=[known.riverside.slug]), filters)

    assert response.status_code == 400
    html = response.content.decode()
    assert "There is a problem" in html and message in html
    assert "main_tables" not in response.context


def test_an_organisation_of_another_system_is_not_a_filter_choice(client, known):
    client.force_login(known.lead)
    thames_trust = known.thames.organisations.get()

    response = client.get(
        reverse("reporting:ics_dashboard", args=[known.riverside.slug]), {"organisation": thames_trust.pk}
    )

    assert response.status_code == 400
    assert "Choose an organisation in this system from the list" in response.content.decode()
    assert "Thames Trust" not in response.content.decode()


@pytest.mark.parametrize(("filters", "message"), BAD_FILTERS)
def test_a_bad_filter_on_an_export_is_a_plain_400(client, known, filters, message):
    client.force_login(known.lead)

    response = client.get(reverse("reporting:ics_export", args=[known.riverside.slug, "programmes"]), filters)

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/plain")
    assert message in response.content.decode()


@pytest.mark.parametrize(
    ("filters", "message"),
    [({"rank_by": "salary"}, "Choose what to rank by from the list"), *BAD_FILTERS[:6]],
)
def test_a_bad_filter_on_the_national_view_says_what_to_fix(client, known, filters, message):
    client.force_login(known.national_admin)

    page = client.get(reverse("reporting:national"), filters)
    export = client.get(reverse("reporting:national_export", args=["systems"]), filters)

    assert page.status_code == 400 and message in page.content.decode()
    assert export.status_code == 400 and message in export.content.decode()


def test_unknown_parameters_and_empty_values_are_ignored(client, known):
    client.force_login(known.lead)

    response = client.get(
        reverse("reporting:ics_dashboard", args=[known.riverside.slug]),
        {"programme": "", "organisation": "", "period": "", "utm_source": "email"},
    )

    assert response.status_code == 200
    assert response.context["filters"].period.label == "The last 12 months"


def test_the_equality_form_refuses_an_answer_that_is_not_on_the_list(client, known):
    client.force_login(known.lead)

    response = client.post(reverse("reporting:equality_profile"), {"ethnicity": "martian", "sex": "robot"})

    assert response.status_code == 200
    assert "Choose your ethnic group from the list" in response.content.decode()
    assert not EqualityProfile.objects.filter(user=known.lead).exists()
