"""A national admin reads the audit log in the Django admin, whose pages keep to the Content-Security-Policy too."""

import pytest

from enrolment.services.decisions import application_offer
from tests.academies.factories import AcademyAdminFactory
from tests.conftest import log_in
from tests.enrolment.factories import ApplicationFactory
from tests.portal.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_national_admin_reads_who_decided_what(live_server, browser_page):
    application = ApplicationFactory(under_review=True)
    admin = AcademyAdminFactory(academy=application.cohort.academy, user__full_name="Dev Acharya").user
    application_offer(application_id=application.pk, admin=admin)
    national_admin = UserFactory(national_admin=True)
    page = browser_page

    log_in(page, live_server.url, national_admin.email)
    page.goto(live_server.url + "/admin/portal/auditentry/")

    row = page.locator("#result_list tbody tr").first
    assert "Decided an application" in row.inner_text()
    assert admin.email in row.inner_text()
    assert page.get_by_role("link", name="Add audit entry").count() == 0
