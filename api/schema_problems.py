"""The academy API's error answers, in its schema: every operation that takes an academy token may answer with the
problems (api.problems) that its token, its input and its rules can cause. drf-spectacular runs this hook after it
builds the schema (SPECTACULAR_SETTINGS["POSTPROCESSING_HOOKS"]), so every academy view's operations say them
without each repeating them; a response a view's extend_schema declares stays as the view says."""

from rest_framework import status

from .problems import PROBLEM_JSON, TITLES

TOKEN = {"academyToken": []}
PROBLEM = {"$ref": "#/components/schemas/Problem"}  # api.catalogue_queries.ProblemSerializer
EVERY = (status.HTTP_401_UNAUTHORIZED, status.HTTP_406_NOT_ACCEPTABLE, status.HTTP_429_TOO_MANY_REQUESTS)
# A write may come from a read token (403), be refused by the service's rules (409) or find its rows busy (503).
WRITES = (status.HTTP_403_FORBIDDEN, status.HTTP_409_CONFLICT, status.HTTP_503_SERVICE_UNAVAILABLE)


def problem_statuses(method: str, operation: dict) -> list[int]:
    """What an academy operation may answer besides its success: bad input where it takes any, not found where
    its path names a record, and what every token, and every write, may get."""
    parameters = operation.get("parameters", [])
    codes = list(EVERY)
    if "requestBody" in operation or any(parameter["in"] == "query" for parameter in parameters):
        codes.append(status.HTTP_400_BAD_REQUEST)
    if any(parameter["in"] == "path" for parameter in parameters):
        codes.append(status.HTTP_404_NOT_FOUND)
    if "requestBody" in operation:
        codes.append(status.HTTP_415_UNSUPPORTED_MEDIA_TYPE)
    if method.upper() not in ("GET", "HEAD", "OPTIONS"):
        codes += WRITES
    return sorted(codes)


def problem_responses(result, generator, request, public):
    """Adds the problem answers an academy operation does not declare itself."""
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            if TOKEN not in operation.get("security", []):
                continue
            for code in problem_statuses(method, operation):
                operation["responses"].setdefault(
                    str(code), {"content": {PROBLEM_JSON: {"schema": PROBLEM}}, "description": TITLES[code]}
                )
    return result
