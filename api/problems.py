"""Errors as RFC 9457 problem details (application/problem+json): a status, a title, and for bad input the fields
and what is wrong with each, so a partner's system can show or log them. Never Django's or DRF's default text."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from rest_framework import exceptions, status
from rest_framework.views import exception_handler

PROBLEM_JSON = "application/problem+json"

TITLES = {
    status.HTTP_400_BAD_REQUEST: "The request is not valid",
    status.HTTP_401_UNAUTHORIZED: "Authentication is needed",
    status.HTTP_403_FORBIDDEN: "You may not do this",
    status.HTTP_404_NOT_FOUND: "There is no such resource",
    status.HTTP_405_METHOD_NOT_ALLOWED: "This method is not allowed here",
    status.HTTP_406_NOT_ACCEPTABLE: "This API answers in JSON only",
    status.HTTP_409_CONFLICT: "The request conflicts with the resource's state",
    status.HTTP_415_UNSUPPORTED_MEDIA_TYPE: "Send JSON (Content-Type: application/json)",
    status.HTTP_429_TOO_MANY_REQUESTS: "Too many requests",
    status.HTTP_503_SERVICE_UNAVAILABLE: "Busy: nothing was changed, try again",
}
# Seconds a client should wait before trying again a write that found its rows busy (503).
BUSY_RETRY_AFTER = 5


def problem_handler(exc, context):
    """DRF's handler, its answer rewritten as a problem: `detail` for one message, `errors` for field errors."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is None:
        return None
    problem = {"type": "about:blank", "status": response.status_code, "title": TITLES.get(response.status_code, "")}
    if isinstance(exc, exceptions.ValidationError):
        errors = response.data if isinstance(response.data, dict) else {"non_field_errors": response.data}
        problem["errors"] = {field: _messages(value) for field, value in errors.items()}
    else:
        problem["detail"] = _detail(exc)
    response.data = problem
    if response.status_code == status.HTTP_503_SERVICE_UNAVAILABLE:
        response["Retry-After"] = str(BUSY_RETRY_AFTER)
    response.content_type = PROBLEM_JSON
    return response


def _messages(value) -> list[str]:
    """A field's messages as a list of strings, as the schema says: a service's one message as a list, and the
    messages of a list's items (DRF nests them by position) flattened into it."""
    if isinstance(value, dict):
        value = list(value.values())
    if not isinstance(value, list):
        return [str(value)]
    return [message for item in value for message in _messages(item)]


def _detail(exc) -> str:
    if isinstance(exc, exceptions.Throttled) and exc.wait is not None:
        return f"Try again in {int(exc.wait) + 1} seconds."
    if isinstance(exc, exceptions.NotFound):
        return TITLES[status.HTTP_404_NOT_FOUND] + "."
    return str(getattr(exc, "detail", "")) or TITLES.get(getattr(exc, "status_code", 0), "")


def not_found(request, exception=None) -> JsonResponse:
    """An address under /api/ that is no route (or a path parameter of the wrong type): a 404 problem, not the
    portal's HTML page, since the API answers JSON only (config.urls handler404 sends it here)."""
    code = status.HTTP_404_NOT_FOUND
    body = {"type": "about:blank", "status": code, "title": TITLES[code], "detail": TITLES[code] + "."}
    return JsonResponse(body, status=code, content_type=PROBLEM_JSON)
