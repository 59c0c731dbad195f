import pytest
from django.core.management import call_command

from tests.conftest import assert_no_axe_violations

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_the_home_page_and_a_programme_page_work_in_chromium_and_pass_axe(live_server, browser_page):
    call_command("load_catalogue", verbosity=0)
    page = browser_page

    page.goto(live_server.url + "/")
    assert page.locator("h1").inner_text() == "Leadership programmes for NHS and care staff"
    assert_no_axe_violations(page)

    page.get_by_role("link", name="Find a programme").first.click()
    page.get_by_role("link", name="Mary Seacole programme").click()
    assert page.locator("h1").inner_text().startswith("Mary Seacole programme")
    assert "6 months" in page.content()
    assert_no_axe_violations(page)
