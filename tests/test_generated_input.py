"""Generated input (Hypothesis) against every form and every GET route of the portal, each as a role that may use
it: no answer is a 5xx, and a form that refuses its input writes nothing.

The routes, roles and records are the access matrix's (tests/support/access_matrix.py and access_world.py). A
page's fields are read from its own HTML, as a browser would see them, and each example starts from what the
browser would send and changes some fields to hostile text, numbers and dates, so that a change can pass every
other check and reach the service. Each request runs in a savepoint rolled back after it, so examples do not see
each other's writes; what a request wrote is read from PostgreSQL's own counts of the rows the transaction
inserted, updated and deleted. A form that posts to a route of its own (a button such as "Withdraw", a consent
box) is read from the pages its role may see. The Django admin's add and change forms (the matrix asks them only
with GET) are driven as the national admin, a few examples each. The records are those of the world whose forms
are open (a draft project, a session that has begun), where the matrix's records show a form closed. The routes
run in groups (an app's, or the Django admin's for one app), each a test of its own, so the groups spread over the
test run's processes and none runs for many minutes.
"""

from http.cookies import SimpleCookie

import pytest
from django.db import connection, transaction
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support.access_matrix import ADMIN_MATRIX, MATRIX, ROLES, parse
from tests.support.access_world import address, build_world, clients_for, portal_urls
from tests.support.html_forms import Field, forms_of

pytestmark = pytest.mark.django_db

HOSTILE = [
    "", " ", "0", "-1", "1.5", "abc", "99999999999999999999", "9999", "0001", "1", "31", "29", "13", "2026",
    "9999-12-31", "0001-01-01", "2026-02-30", "\x00", "=cmd|' /C calc'!A0", "a\r\nBcc: x@example.test",
    "<script>alert(1)</script>", "'; DROP TABLE x; --", "../../etc/passwd", "%s%n", "２０２６", "null",
    "x" * 3001, "é" * 10001, "a@b", "@" * 300 + ".nhs.uk",
]
# Tables a refused form may still change: the session it was posted in and the login limits' records.
VOLATILE_TABLES = ("django_session", "axes_accessattempt", "axes_accessfailurelog", "axes_accesslog")
EXPECTED = parse(MATRIX) | parse(ADMIN_MATRIX)
ADMIN_FORMS = ("admin:model:add", "admin:model:change")  # driven with POST as the national admin (a superuser)
ROWS_WRITTEN = """
    SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0) FROM pg_stat_xact_user_tables
    WHERE relname <> ALL(%s)
"""


def examples(count: int):
    return settings(
        max_examples=count,
        deadline=None,
        derandomize=True,  # the same examples every run: CI reproduces what a developer saw
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
        database=None,
    )


def changed(field: Field):
    choices = [st.sampled_from(HOSTILE), st.text(max_size=40)]
    if field.options:
        choices.insert(0, st.sampled_from(field.options))
    return st.one_of(st.none(), *choices)


def form_data(fields: dict[str, Field]):
    """What the browser would send, with some fields left out or changed, and maybe a name the form does not know."""
    kept = {name: each.value for name, each in fields.items() if each.value is not None}
    changes = {name: changed(each) for name, each in fields.items()}
    return st.tuples(
        st.fixed_dictionaries({}, optional=changes),
        st.fixed_dictionaries({}, optional={"unexpected": st.sampled_from(HOSTILE)}),
    ).map(lambda parts: {k: v for k, v in {**kept, **parts[0], **parts[1]}.items() if v is not None})


def rows_written() -> int:
    with connection.cursor() as cursor:
        cursor.execute(ROWS_WRITTEN, [list(VOLATILE_TABLES)])
        return cursor.fetchone()[0]


def role_for(key: str, method: str) -> str | None:
    """The first role the matrix lets use the route (a 200 or a redirect that is not to the login page); or else the
    first it answers with a 400, for a form that refuses a post without its button (a review's decision)."""
    codes = EXPECTED.get((key, method), ())
    for usable in (("200", "302"), ("400",)):
        role = next((role for role, code in zip(ROLES, codes, strict=False) if code in usable), None)
        if role:
            return role
    return None


def send(client: Client, method: str, path: str, data: dict) -> tuple[int, str, bool]:
    """The request, and a GET of where it redirects, in a savepoint rolled back after them; whether the request
    wrote anything."""
    cookies = SimpleCookie(client.cookies)
    with transaction.atomic():
        before = rows_written()
        response = client.get(path, data) if method == "GET" else client.post(path, data)
        wrote = rows_written() != before
        status, page = response.status_code, response.content.decode(errors="replace")
        if status == 302 and response["Location"].startswith("/"):
            followed = client.get(response["Location"])
            status = followed.status_code if followed.status_code >= 500 else status
        transaction.set_rollback(True)
    client.cookies = cookies
    return status, page, wrote


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """The access matrix's world, built once for the module's tests (it took a second of each of them): in a
    transaction that stays open while they run, each in a savepoint of its own, and is rolled back after them."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


def group_of(url) -> str:
    """The route's app, or for the Django admin's model views "admin <the model's app>"."""
    if url.model_admin:
        return f"admin {url.model_admin.model._meta.app_label}"
    return url.key.split(":")[0] if ":" in url.key else "portal"


GROUPS = sorted({group_of(url) for url in portal_urls()})


def routes(method: str, group: str | None = None) -> list:
    skipped = ("logout", "admin:logout", "admin:model:delete")  # signing out, and the admin's deletions
    return [
        url
        for url in portal_urls()
        if role_for(url.key, method) and url.key not in skipped and group in (None, group_of(url))
    ]


def fields_of(page: str, method: str, path: str, actions=("",)) -> dict[str, Field]:
    """The fields of the page's forms that send `method` to `path` (a form with no action sends to its page)."""
    forms = [form for form in forms_of(page) if form.method == method.lower() and form.action in (*actions, path)]
    fields = {name: each for form in forms for name, each in form.fields.items()}
    fields.pop("csrfmiddlewaretoken", None)
    return fields


def pages_of(group: str, world, client: Client, role: str) -> list[str]:
    """The group's pages the role may see: where the forms of its routes without a page of their own are (an app's
    buttons are on its own pages, a nomination's form on the ICS lead's page of nominations)."""
    pages = []
    for url in routes("GET", group):
        if EXPECTED[url.key, "GET"][ROLES.index(role)] == "200":
            status, page, _ = send(client, "GET", address(url, world, open_forms=True), {})
            pages.append(page if status == 200 else "")
    return pages


def form_fields(client: Client, method: str, path: str, elsewhere) -> dict[str, Field]:
    """The route's fields: from its own page, or else from the page whose form sends to it (`elsewhere()`, the
    pages its role may see)."""
    fields = fields_of(send(client, "GET", path, {})[1], method, path)
    for page in elsewhere() if not fields else ():
        fields = fields_of(page, method, path, actions=())
        if fields:
            break
    return fields


def examples_for(url, method: str, fields: dict) -> int:
    """More examples for longer forms, so that each field meets hostile values; fewer for the Django admin's, and
    fewest for its add and change forms (one of each for every model)."""
    most = 60 if not url.model_admin else 16 if method == "GET" else 8
    return min(4 + 4 * len(fields), most)


def checker(client: Client, method: str, path: str, role: str, fields: dict[str, Field], count: int):
    @examples(count)
    @given(form_data(fields))
    def check(data):
        status, answer, wrote = send(client, method, path, data)
        assert status < 500, f"{method} {path} as {role}: {status} for {data!r}"
        refused = status >= 400 or "nhsuk-error-summary" in answer or "errornote" in answer
        assert not (refused and wrote), f"{method} {path} as {role}: refused {data!r}, but wrote"

    return check


def targets(method: str, group: str) -> list[tuple]:
    """The group's routes of `method`, each with the role that uses it: the matrix's, or for the Django admin's add
    and change forms (the matrix asks them only with GET) the national admin, from the form on the page."""
    if method == "POST" and group.startswith("admin "):
        return [(url, "national_admin") for url in routes("GET", group) if url.key in ADMIN_FORMS]
    return [(url, role_for(url.key, method)) for url in routes(method, group)]


def probe(world, method: str, group: str) -> list[str]:
    """Every route of `method` in the group, with generated input as its role; returns what went wrong."""
    clients, problems, seen = clients_for(world), [], {}

    def elsewhere(role):
        if role not in seen and method == "POST" and not group.startswith("admin "):
            seen[role] = pages_of(group, world, clients[role], role)
        return seen.get(role, [])

    for url, role in targets(method, group):
        client, path = clients[role], address(url, world, open_forms=True)
        fields = form_fields(client, method, path, lambda role=role: elsewhere(role))
        if method == "GET":
            fields["page"] = Field("page", "text")
        elif url.model_admin and not fields:
            continue  # an add form the admin refuses (a 403), or a record it shows read-only
        try:
            checker(client, method, path, role, fields, examples_for(url, method, fields))()
        except AssertionError as error:
            problems.append(str(error).splitlines()[0])
    return problems


@pytest.mark.parametrize("group", GROUPS)
def test_generated_query_strings_never_make_a_server_error(world, group):
    problems = probe(world, "GET", group)
    assert problems == [], "\n".join(problems)


@pytest.mark.parametrize("group", [group for group in GROUPS if targets("POST", group)])
def test_generated_form_input_never_makes_a_server_error_or_a_partial_write(world, group):
    problems = probe(world, "POST", group)
    assert problems == [], "\n".join(problems)
