"""A database that is down or restarting answers "try again" (503), not a traceback or the generic error page.

The page renders without a request context, so no context processor, session or user lookup touches the database
that has just failed. Django replaces the broken connection at the next request (CONN_HEALTH_CHECKS), so the
portal recovers by itself once the database is back.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, HttpResponseServerError
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER_SECONDS = 30


def database_unavailable_response() -> HttpResponse:
    response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response


class DatabaseUnavailableMiddleware:
    """Answers a view's database error with the 503 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            # %r: the path is typed by whoever asks, and a line break in it must not start a forged log line.
            logger.warning("Database unavailable for %s %r", request.method, request.path, exc_info=exception)
            return database_unavailable_response()
        return None


def server_error(request):
    """handler500: the 503 page for a database error raised outside a view (in a middleware), else the 500 page."""
    if isinstance(sys.exc_info()[1], DATABASE_ERRORS):
        return database_unavailable_response()
    return HttpResponseServerError(render_to_string("500.html"))
