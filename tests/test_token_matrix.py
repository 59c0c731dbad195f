"""Who may call what on the academy API: every academy route of the resolver, with every method, asked with each
kind of token (and none), answered as the written matrix (tests/support/token_matrix.py) says.

A new academy route without rows fails the first test. The world is the session matrix's (access_world) with
academy A's tokens in every state; each request runs in a savepoint rolled back, so a write that succeeds changes
nothing another cell sees, and the throttle is lifted (tests/api/test_academy_api.py tests it) so the number of
requests asked does not decide a cell.
"""

import pytest
from django.test import override_settings
from django.urls import reverse

from enrolment.models import Application, Status
from tests.support.access_world import address, build_world
from tests.support.token_matrix import BODIES, COLUMNS, METHODS, expected, parse
from tests.support.token_world import academy_api_urls, ask, build_columns, decidable_application, view_methods

pytestmark = pytest.mark.django_db
KNOWN = {"api:academy_applications", "api:academy_application", "api:academy_application_decision"}


def test_every_academy_route_and_method_has_a_row_in_the_token_matrix():
    urls = academy_api_urls()
    assert {url.key for url in urls} >= KNOWN  # the walk finds the routes: it cannot pass by finding none
    rows = parse()
    wanted = {(url.key, method) for url in urls for method in view_methods(url)}
    assert sorted(wanted - set(rows)) == [], "academy routes and methods with no row in the token matrix"
    stale = {(name, method) for name, method in rows if name != "*"} - wanted
    assert sorted(stale) == [], "token matrix rows for routes or methods that do not exist"
    assert set(BODIES) <= wanted, "bodies for routes or methods that do not exist"


@override_settings(API_TOKEN_RATE="100000/min")
def test_every_academy_route_answers_each_token_as_the_matrix_says():
    world = build_world()
    decidable_application(world)
    columns = build_columns(world)
    rows = parse()
    wrong, observed = [], []
    for url in academy_api_urls():
        path = address(url, world)
        for method in METHODS:
            answers = [ask(columns[column], method, path, url.key) for column in COLUMNS]
            codes = tuple(str(status) for status, _ in answers)
            want = expected(rows, url.key, method, view_methods(url))
            observed.append(f"{url.key:<40}{method:<8}" + "".join(f"{code:<5}" for code in codes) + f"  {path}")
            if codes != want:
                wrong.append(f"{url.key} {method} {path}: expected {' '.join(want)}, got {' '.join(codes)}")
            wrong += [
                f"{url.key} {method} as {column}: a {status} in {kind or 'no content type'}, not a problem"
                for column, (status, kind) in zip(COLUMNS, answers, strict=True)
                if status >= 400 and method != "HEAD" and kind != "application/problem+json"
            ]
    assert len(observed) >= len(KNOWN) * len(METHODS)
    assert wrong == [], "\n".join(wrong) + "\n\nobserved:\n" + "\n".join(observed)


def test_a_write_in_the_matrix_is_made_and_rolled_back():
    """The read-write token's decision succeeds (a 200, not a 400 of an empty body) and leaves the world as it was,
    so the next cell sees the application still under review."""
    world = build_world()
    decidable_application(world)
    columns = build_columns(world)
    pk = world.parameters["api:academy_application_decision"]["pk"]
    path = reverse("api:academy_application_decision", args=[pk])
    for _ in range(2):
        assert ask(columns["write"], "POST", path, "api:academy_application_decision")[0] == 200
        assert Application.objects.get(pk=pk).status == Status.UNDER_REVIEW
