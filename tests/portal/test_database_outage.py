"""PostgreSQL restarted while gunicorn serves the portal: pages during the outage are the NHS "try again" page
(503), never a traceback or the generic error page, and the portal recovers by itself when the database is back.

The gunicorn test stops and starts the test run's own PostgreSQL (PG_CTL, from scripts/test.sh), so it puts the
server back even if it fails, and drops the test process's dead connection so the tests after it reconnect. Two
quick tests in-process prove the page needs no database, and that an error outside a view gets it too."""

import os
from unittest import mock

import pytest
from django.db import OperationalError, connections
from django.db.backends.utils import CursorWrapper
from django.test import Client

from tests.portal.factories import UserFactory
from tests.support.servers import PostgresServer, gunicorn, session_cookie

PAGES = ["/", "/programmes/", "/my/applications/"]
# Public pages the page cache may still serve whole during an outage, the signed-in person coming from the cache too
# (portal.signed_in): the rest need the database.
SERVED_FROM_CACHE = {"/", "/programmes/"}


class DatabaseGoneMiddleware:
    """Stands for a middleware whose query meets the outage, outside any view."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        raise OperationalError("the database system is shutting down")


def assert_try_again_page(status: int, headers, body: str) -> None:
    assert status == 503
    assert headers["Retry-After"]
    assert "Sorry, the service is unavailable" in body
    assert "Try again in a few minutes." in body
    assert 'class="nhsuk-header"' in body
    assert "Traceback" not in body


@pytest.mark.django_db
def test_the_try_again_page_renders_with_every_query_failing(client):
    client.force_login(UserFactory())
    with mock.patch.object(CursorWrapper, "execute", side_effect=OperationalError("connection refused")):
        for path in PAGES:
            response = client.get(path)
            assert_try_again_page(response.status_code, response, response.content.decode())


@pytest.mark.django_db
def test_a_database_error_outside_a_view_is_the_try_again_page_not_the_500_page(settings):
    settings.MIDDLEWARE = [*settings.MIDDLEWARE, "tests.portal.test_database_outage.DatabaseGoneMiddleware"]

    response = Client(raise_request_exception=False).get("/")

    assert_try_again_page(response.status_code, response, response.content.decode())


@pytest.fixture
def postgres():
    if os.environ.get("PYTEST_XDIST_WORKER"):
        pytest.fail("it restarts the PostgreSQL other pytest-xdist processes use: run it alone: -m serial")
    server = PostgresServer()
    yield server
    if not server.running():
        server.start()
    connections.close_all()


@pytest.mark.serial
@pytest.mark.django_db(transaction=True)
def test_pages_during_a_database_restart_say_try_again_and_the_portal_recovers_by_itself(postgres, tmp_path):
    session = session_cookie(UserFactory(with_profile=True))
    # Persistent connections, as production would keep them: the restart kills them unseen.
    with gunicorn(tmp_path, workers=2, conn_max_age=600) as server:

        def statuses() -> list[int]:
            return [server.request("GET", path, session=session).status for path in PAGES * 2]

        assert statuses() == [200] * 6

        postgres.stop()
        postgres.start()
        assert statuses() == [200] * 6, "a connection killed by the restart is replaced, not served as an error"

        postgres.stop()
        during = [(path, server.request("GET", path, session=session)) for path in PAGES]
        login = server.request("POST", "/login/", form={"username": "someone@example.nhs.test", "password": "x"})
        during.append(("/login/", login))
        for path, response in during:
            if path in SERVED_FROM_CACHE and response.status == 200:
                assert response.body.rstrip().endswith("</html>"), "a page from the cache is served whole"
                continue
            assert_try_again_page(response.status, response.headers, response.body)

        postgres.start()
        assert statuses() == [200] * 6
    assert "Internal Server Error" not in server.log()
