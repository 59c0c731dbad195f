"""Every page of the access matrix fits a phone: no sideways scrolling at 320 and 375 pixels wide, as each role.

The URLs, the world that fills their parameters and the signed-in clients are the access matrix's own
(tests/support/access_matrix.py). A page each role may open is loaded once per role, at 375 pixels, then measured
again at 320 without reloading; each error page (403, 404, ...) is measured once per role. The Django admin is
Django's own and left out. Files (CSV, JSON, calendars) are not pages and are skipped: the browser's own answer
says so (its content type, or a download starting), so no page is asked for twice. Each role is a test of its own,
so the roles spread over the test run's processes.

Both widths stay: nhsuk-frontend's styles have a breakpoint at 375 pixels (23.4375em) and the header's menu lays
itself out from the width it has, so a page that fits at 320 is not thereby known to fit at 375.
"""

import pytest
from playwright.sync_api import Error as PlaywrightError

from tests.support.access_matrix import MATRIX, ROLES, parse
from tests.support.access_world import address, build_world, clients_for, portal_urls

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WIDTHS = (375, 320)
NOT_A_PAGE = {"302", "login", "405"}

# The header's menu lays itself out again on the window's resize event, which comes before the next frames.
AFTER_RESIZE = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"
# What sticks out past the right edge, for the failure message.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > width + 1);
  const outermost = wide.filter(e => !wide.includes(e.parentElement));
  return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    culprits: outermost.slice(0, 4).map(e => e.tagName.toLowerCase() + (e.className ? "." + e.className : "")
      + " (" + Math.round(e.getBoundingClientRect().right) + "px)"),
  };
}"""


def pages_for_each_role(world) -> dict[str, list[str]]:
    """The paths each role opens with a GET and gets a page for: every 200, and one page per error code."""
    expected = parse(MATRIX)
    paths = {role: [] for role in ROLES}
    errors_seen = {role: set() for role in ROLES}
    for url in portal_urls():
        if url.key.startswith("admin:"):
            continue
        for role, code in zip(ROLES, expected[url.key, "GET"], strict=True):
            if code in NOT_A_PAGE or (code != "200" and code in errors_seen[role]):
                continue
            errors_seen[role].add(code)
            paths[role].append(address(url, world))
    return paths


def opened_as_page(page, url: str) -> bool:
    """Opens the URL in the browser; False when it is a file: one the browser downloads, or shows as other than
    HTML."""
    try:
        response = page.goto(url)
    except PlaywrightError as error:
        if "Download is starting" in error.message:
            return False
        raise
    return (response.header_value("content-type") or "").startswith("text/html")


@pytest.mark.parametrize("role", ROLES)
def test_no_page_scrolls_sideways_at_320_or_375_pixels(live_server, new_browser_page, role):
    world = build_world()
    client, too_wide = clients_for(world)[role], []
    page = new_browser_page()
    if "sessionid" in client.cookies:
        cookie = client.cookies["sessionid"].value
        page.context.add_cookies([{"name": "sessionid", "value": cookie, "url": live_server.url}])
    for path in pages_for_each_role(world)[role]:
        page.set_viewport_size({"width": WIDTHS[0], "height": 800})
        if not opened_as_page(page, live_server.url + path):
            continue
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 800})
            page.evaluate(AFTER_RESIZE)
            measured = page.evaluate(OVERFLOW)
            if measured["scrollWidth"] > measured["innerWidth"]:
                too_wide.append(
                    f"{role} {path} at {width}px: {measured['scrollWidth']}px wide; {', '.join(measured['culprits'])}"
                )
    assert too_wide == [], "pages wider than the phone:\n" + "\n".join(too_wide)
