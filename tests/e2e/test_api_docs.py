"""The partner API's documentation page (Swagger UI, served from the portal's static files) in a real browser:
it loads the live schema and lists the public catalogue's operations, with nothing refused by the
Content-Security-Policy (new_browser_page fails on any refusal). axe still finds Swagger UI's own faults."""

import pytest

from tests.conftest import assert_no_axe_violations
from tests.programmes.factories import ProgrammeFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_api_documentation_page_shows_the_public_operations_within_the_policy(live_server, new_browser_page):
    ProgrammeFactory()
    page = new_browser_page()

    page.goto(live_server.url + "/api/v1/docs/")
    page.locator(".opblock-summary-path", has_text="/api/v1/programmes/").first.wait_for()

    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert {"/api/v1/programmes/", "/api/v1/academies/", "/api/v1/cohorts/"} <= {path.strip() for path in paths}


@pytest.mark.xfail(
    strict=True,
    reason="Swagger UI's own markup fails axe (html-has-lang, color-contrast, heading-order, nested-interactive): "
    "not fixed yet",
)
def test_the_api_documentation_page_passes_axe(live_server, new_browser_page):
    page = new_browser_page()
    page.goto(live_server.url + "/api/v1/docs/")
    page.locator(".opblock-summary-path").first.wait_for()

    assert_no_axe_violations(page)
