"""The Content-Security-Policy holds in a real browser: the portal's own module script runs, and script or style
written into the page (as an XSS payload would be) is refused."""

import pytest

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

RECORD_REFUSALS = """() => {
  window.refusedDirectives = [];
  document.addEventListener(
    "securitypolicyviolation", (event) => window.refusedDirectives.push(event.effectiveDirective)
  );
}"""
INJECT = """() => {
  const script = document.createElement("script");
  script.textContent = "window.injectedScriptRan = true;";
  document.head.appendChild(script);
  document.body.insertAdjacentHTML("beforeend", '<p id="injected-style" style="color: rgb(255, 0, 0)">Red</p>');
  document.body.insertAdjacentHTML("beforeend", '<img src="data:," onerror="window.handlerRan = true">');
}"""


@pytest.fixture
def enforcing_page(chromium_browser):
    """A page with the policy enforced and nothing of the test's own injected into it."""
    context = chromium_browser.new_context(bypass_csp=False)
    yield context.new_page()
    context.close()


def test_the_portals_script_runs_and_injected_script_and_style_are_refused(live_server, enforcing_page):
    page = enforcing_page
    console = []
    page.on("console", lambda message: console.append(message.text))

    response = page.goto(live_server.url + "/")
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.wait_for_function("document.body.classList.contains('js-enabled')")  # portal.mjs ran

    page.evaluate(RECORD_REFUSALS)
    page.evaluate(INJECT)
    page.wait_for_function("window.refusedDirectives.length >= 3")

    assert page.evaluate("window.injectedScriptRan") is None
    assert page.evaluate("window.handlerRan") is None
    assert page.evaluate("getComputedStyle(document.getElementById('injected-style')).color") != "rgb(255, 0, 0)"
    assert set(page.evaluate("window.refusedDirectives")) == {"script-src-elem", "script-src-attr", "style-src-attr"}
    assert any("Content Security Policy" in line for line in console)
