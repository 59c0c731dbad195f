"""Who may see which report: a lead their own system only (another system is a 404, exports too), a national admin
everything, staff nothing, and nobody without signing in."""

import pytest
from django.urls import reverse

from reporting.dashboards import NationalReport, SystemReport
from tests.portal.factories import IcsLeadFactory, UserFactory

pytestmark = pytest.mark.django_db


def system_urls(slug):
    return [reverse("reporting:ics_dashboard", args=[slug])] + [
        reverse("reporting:ics_export", args=[slug, table]) for table in SystemReport.TABLES
    ]


NATIONAL_URLS = [reverse("reporting:national")] + [
    reverse("reporting:national_export", args=[table]) for table in NationalReport.TABLES
]


def test_anyone_not_signed_in_is_sent_to_log_in(client, known):
    urls = [
        reverse("reporting:systems"),
        *system_urls(known.riverside.slug),
        *NATIONAL_URLS,
        reverse("reporting:equality_profile"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("login")), url


def test_a_lead_of_another_system_gets_404_for_the_dashboard_and_every_export(client, known):
    client.force_login(known.other_lead)

    for url in system_urls(known.riverside.slug):
        assert client.get(url).status_code == 404, url


def test_a_lead_sees_their_own_dashboard_and_exports(client, known):
    client.force_login(known.lead)

    for url in system_urls(known.riverside.slug):
        assert client.get(url).status_code == 200, url


def test_staff_without_a_reporting_role_are_refused_everything(client, known):
    client.force_login(UserFactory(with_profile=True))

    assert client.get(reverse("reporting:systems")).status_code == 403
    for url in system_urls(known.riverside.slug):
        assert client.get(url).status_code == 404, url
    for url in NATIONAL_URLS:
        assert client.get(url).status_code == 403, url


def test_an_ics_lead_cannot_open_the_national_view_or_its_exports(client, known):
    client.force_login(known.lead)

    for url in NATIONAL_URLS:
        assert client.get(url).status_code == 403, url


def test_a_national_admin_sees_every_system_and_the_national_view(client, known):
    client.force_login(known.national_admin)

    for ics in (known.riverside, known.hillside, known.thames):
        assert client.get(reverse("reporting:ics_dashboard", args=[ics.slug])).status_code == 200
    for url in NATIONAL_URLS:
        assert client.get(url).status_code == 200, url


def test_the_ics_page_takes_a_lead_of_one_system_straight_to_its_dashboard(client, known):
    client.force_login(known.lead)

    response = client.get(reverse("reporting:systems"))

    assert response.url == reverse("reporting:ics_dashboard", args=[known.riverside.slug])


def test_a_lead_of_two_systems_chooses_between_them_and_only_them(client, known):
    IcsLeadFactory(user=known.lead, ics=known.hillside)
    client.force_login(known.lead)

    html = client.get(reverse("reporting:systems")).content.decode()

    assert known.riverside.name in html and known.hillside.name in html
    assert known.thames.name not in html


def test_an_unknown_system_or_table_is_404(client, known):
    client.force_login(known.national_admin)

    assert client.get(reverse("reporting:ics_dashboard", args=["no-such-system"])).status_code == 404
    assert client.get(reverse("reporting:ics_export", args=[known.riverside.slug, "passwords"])).status_code == 404
    assert client.get(reverse("reporting:national_export", args=["passwords"])).status_code == 404


def test_reports_only_answer_get(client, known):
    client.force_login(known.national_admin)

    assert client.post(reverse("reporting:ics_dashboard", args=[known.riverside.slug])).status_code == 405
    assert client.post(reverse("reporting:national")).status_code == 405


def test_the_header_links_each_role_to_its_reports(client, known):
    client.force_login(known.lead)
    lead_header = client.get(reverse("home")).content.decode()
    client.force_login(known.national_admin)
    admin_header = client.get(reverse("home")).content.decode()
    client.force_login(UserFactory())
    staff_header = client.get(reverse("home")).content.decode()

    assert 'href="/ics/">ICS dashboard</a>' in lead_header and "National view" not in lead_header
    assert 'href="/national/">National view</a>' in admin_header
    assert "ICS dashboard" not in staff_header and "National view" not in staff_header
