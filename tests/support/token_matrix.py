"""The written access matrix of the academy API (/api/v1/academy/...): for every route and method, what each kind
of request gets. tests/test_token_matrix.py asks every academy route of the resolver with every method in each
column and compares; a new route fails it until it has a row here for each method its view has.

Adding a route: one line per method its view has (GET, POST, PUT, PATCH, DELETE), its URL's parameters in
tests/support/access_world.py's build_world (as the session matrix needs anyway), and, for a write, a body that
succeeds in BODIES (without one an empty JSON object is sent, so a read-write token gets the route's 400).

Columns: no Authorization header; a malformed one; a token nobody made; a revoked token; an expired one; one
whose creator no longer runs its academy; another academy's read-write token; the academy's read token; its
read-write token; its admin's session cookie with no token. Codes are HTTP statuses.
"""

from tests.support import access_matrix

COLUMNS = ("none", "malformed", "unknown", "revoked", "expired", "orphan", "other", "read", "write", "session")
METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")
UNSAFE = frozenset({"POST", "PUT", "PATCH", "DELETE"})

TOKEN_MATRIX = """
# url name                              method  none malf unkn revk expd orph other read write session
api:academy_applications                GET     401  401  401  401  401  401  200   200  200   401
api:academy_application                 GET     401  401  401  401  401  401  404   200  200   401
api:academy_application_decision        POST    401  401  401  401  401  401  404   403  200   401
api:academy_cohorts                     GET     401  401  401  401  401  401  200   200  200   401
api:academy_cohorts                     POST    401  401  401  401  401  401  400   403  400   401
api:academy_cohort                      GET     401  401  401  401  401  401  404   200  200   401
api:academy_cohort                      PATCH   401  401  401  401  401  401  404   403  200   401
api:academy_cohort_cancel               POST    401  401  401  401  401  401  404   403  200   401
api:academy_cohort_sessions             GET     401  401  401  401  401  401  404   200  200   401
api:academy_cohort_sessions             POST    401  401  401  401  401  401  404   403  201   401
api:academy_sessions_generate           POST    401  401  401  401  401  401  404   403  400   401
api:academy_session                     GET     401  401  401  401  401  401  404   200  200   401
api:academy_session                     PATCH   401  401  401  401  401  401  404   403  200   401
api:academy_session                     DELETE  401  401  401  401  401  401  404   403  204   401
api:academy_session_attendance          GET     401  401  401  401  401  401  404   200  200   401
api:academy_session_attendance          PUT     401  401  401  401  401  401  404   403  409   401
api:academy_cohort_outcomes             POST    401  401  401  401  401  401  404   403  400   401
api:academy_webhook_deliveries          GET     401  401  401  401  401  401  200   200  200   401
api:academy_webhook_delivery_resend     POST    401  401  401  401  401  401  404   403  202   401

# Every route, for a method its view does not have (HEAD answers as GET where the view has GET): authentication
# first, then a read token may not write, then the method is refused. OPTIONS describes the route to any token.
*                                       safe    401  401  401  401  401  401  405   405  405   401
*                                       unsafe  401  401  401  401  401  401  405   403  405   401
*                                       OPTIONS 401  401  401  401  401  401  200   200  200   401
"""

# The body of each write, on the world's objects, that a read-write token of the academy gets a 2xx for.
BODIES = {
    ("api:academy_application_decision", "POST"): {"decision": "unsuccessful", "reasons": ["criteria"]},
    ("api:academy_cohort_cancel", "POST"): {"reason": "The venue has closed."},
    ("api:academy_session", "PATCH"): {"title": "Workshop one", "venue": "Leeds"},
    # The world's session is in the future: its attendance cannot be taken yet (409).
    ("api:academy_session_attendance", "PUT"): {"attended": []},
    ("api:academy_cohort_sessions", "POST"): {
        "title": "Workshop 2",
        "kind": "workshop",
        "venue": "Leeds",
        "starts_at": "2030-01-07T10:00:00Z",
        "ends_at": "2030-01-07T12:00:00Z",
    },
}


def parse() -> dict[tuple[str, str], tuple[str, ...]]:
    return access_matrix.parse(TOKEN_MATRIX, COLUMNS)


def expected(rows: dict, name: str, method: str, view_methods: frozenset[str]) -> tuple[str, ...]:
    """The codes a request of `method` to the route `name` gets, whose view has `view_methods`."""
    if method == "OPTIONS":
        return rows["*", "OPTIONS"]
    asked = "GET" if method == "HEAD" else method
    if asked in view_methods:
        return rows.get((name, asked), ())
    return rows["*", "unsafe" if asked in UNSAFE else "safe"]
