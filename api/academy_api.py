"""What every academy API view shares: the token that acts (its scope and its rate), pages, the body as its
serializer reads it, and how a service's refusal is answered. The problems each operation may answer are added to
the schema by api.schema_problems, so no view lists them."""

from contextlib import contextmanager

from rest_framework import exceptions, status

from enrolment.services.cohorts import CapacityBelowPlacesHeld
from portal.locking import RowBusy
from portal.rules import RuleError

from .authentication import AcademyTokenAuthentication, TokenScope, TokenThrottle
from .catalogue_queries import PagePagination


class AcademyApi:
    authentication_classes = [AcademyTokenAuthentication]
    permission_classes = [TokenScope]
    throttle_classes = [TokenThrottle]


class Pages(PagePagination):
    """As the public API's pages: a page past the last is a 400 naming `page`, not a 404 of the whole list."""

    page_size = 50


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT


class Busy(exceptions.APIException):
    """A row the write needs stayed locked past the lock timeout: nothing changed, and asking again will do."""

    status_code = status.HTTP_503_SERVICE_UNAVAILABLE


def valid_body(serializer_class, request, **kwargs) -> dict:
    """The request's JSON as the serializer validates it; anything wrong is a 400 naming the field."""
    body = serializer_class(data=request.data, **kwargs)
    body.is_valid(raise_exception=True)
    return body.validated_data


def valid_query(serializer_class, request) -> dict:
    """The request's query parameters as the serializer validates them; anything wrong is a 400 naming it."""
    query = serializer_class(data=request.query_params.dict())
    query.is_valid(raise_exception=True)
    return query.validated_data


@contextmanager
def refusals_as_problems():
    """A service's refusal as the API says it: bad input a 400 naming each field (the refusal's `problems`), a
    busy row a 503 to retry, any other rule a 409 with the service's own message."""
    try:
        yield
    except RowBusy as error:
        raise Busy(str(error)) from error
    except CapacityBelowPlacesHeld as error:
        raise exceptions.ValidationError({"capacity": [str(error)]}) from error
    except RuleError as error:
        problems = getattr(error, "problems", None)
        if not problems:
            raise Conflict(str(error)) from error
        fields = {field or "non_field_errors": [problem] for field, problem in problems.items()}
        raise exceptions.ValidationError(fields) from error
