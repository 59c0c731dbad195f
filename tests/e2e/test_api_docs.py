"""The partner API's documentation page, a page of the portal rendered from the live schema, in a real browser:
it lists the operations, passes axe, fits a 320-pixel phone and reads the same without JavaScript, with nothing
refused by the Content-Security-Policy (new_browser_page fails on any refusal)."""

import pytest
from playwright.sync_api import expect

from tests.conftest import assert_no_axe_violations
from tests.e2e.test_phone_width import AFTER_RESIZE, OVERFLOW

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DOCS = "/api/v1/docs/"


def test_the_api_documentation_page_lists_the_operations_and_passes_axe(live_server, new_browser_page):
    page = new_browser_page()

    page.goto(live_server.url + DOCS)

    expect(page.get_by_role("heading", level=1)).to_be_visible()
    for summary in ("List programmes", "List academies", "List upcoming cohorts", "Decide an application"):
        expect(page.get_by_role("heading", name=summary, exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="OpenAPI 3 schema (JSON)")).to_be_visible()
    assert_no_axe_violations(page)


def test_the_api_documentation_page_fits_a_320_pixel_phone(live_server, new_browser_page):
    page = new_browser_page()
    page.set_viewport_size({"width": 320, "height": 800})

    page.goto(live_server.url + DOCS)
    page.evaluate(AFTER_RESIZE)

    expect(page.get_by_role("heading", name="Decide an application", exact=True)).to_be_visible()
    measured = page.evaluate(OVERFLOW)
    assert measured["scrollWidth"] <= measured["innerWidth"], measured["culprits"]


def test_the_api_documentation_page_needs_no_javascript(live_server, chromium_browser):
    context = chromium_browser.new_context(java_script_enabled=False, locale="en-GB")
    try:
        page = context.new_page()
        page.goto(live_server.url + DOCS)

        expect(page.get_by_role("heading", name="List programmes", exact=True)).to_be_visible()
        page.get_by_role("link", name="POST /api/v1/academy/applications/{id}/decision/").click()
        expect(page).to_have_url(live_server.url + DOCS + "#academy_applications_decision_create")
        decision = page.get_by_role("region", name="Decide an application")
        expect(decision.get_by_role("table", name="Request body (JSON)")).to_be_visible()
    finally:
        context.close()
