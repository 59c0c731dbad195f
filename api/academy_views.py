"""/api/v1/academy/: an academy's own system reads the applications to its cohorts and decides them, through the
same services, locks and rules as the academy's pages, each write audited under the token's name."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from enrolment.services.decisions import (
    NOT_A_COHORT,
    Decision,
    application_offer,
    application_reject,
    application_waitlist,
)
from portal.rules import RuleError

from .academy_selectors import token_applications
from .academy_serializers import ApplicationFilterSerializer, ApplicationSerializer, DecisionSerializer
from .authentication import AcademyTokenAuthentication, TokenScope, TokenThrottle
from .catalogue_queries import PROBLEM, PagePagination, ProblemSerializer
from .record_selectors import token_cohorts


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT


def rule_refusal(error: RuleError) -> exceptions.APIException:
    """A service's refusal: a 400 naming the fields its `problems` name (bad input), else a 409 with its message."""
    problems = getattr(error, "problems", None)
    if problems:
        return exceptions.ValidationError({field or "non_field_errors": [text] for field, text in problems.items()})
    return Conflict(str(error))


def problems(*codes: int) -> dict:
    """The schema's responses for these error statuses: each a problem (api.problems)."""
    return {(code, PROBLEM): ProblemSerializer for code in codes}


READ_PROBLEMS = problems(401, 403, 404, 429)
WRITE_PROBLEMS = problems(400, 401, 403, 404, 409, 429)


def valid_body(serializer_class, request) -> dict:
    """The request's JSON as the serializer validates it; anything wrong is a 400 naming the field."""
    body = serializer_class(data=request.data)
    body.is_valid(raise_exception=True)
    return body.validated_data


class Pages(PagePagination):
    """As the public API's pages: a page past the last is a 400 naming `page`, not a 404 of the whole list."""

    page_size = 50


APPLICATION_ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description="The application's id.")


class AcademyApi:
    authentication_classes = [AcademyTokenAuthentication]
    permission_classes = [TokenScope]
    throttle_classes = [TokenThrottle]


@extend_schema(
    summary="List your academy's applications",
    parameters=[OpenApiParameter("changed_since", str, description="An ISO 8601 date and time")],
)
class ApplicationList(AcademyApi, generics.ListAPIView):
    """Applications to your academy's cohorts, oldest change first; with `changed_since`, only those changed after
    it (so a system can ask for what changed since it last asked)."""

    serializer_class = ApplicationSerializer
    pagination_class = Pages

    def get_queryset(self):
        query = ApplicationFilterSerializer(data=self.request.query_params.dict())
        query.is_valid(raise_exception=True)
        applications = token_applications(self.request.auth)
        if "changed_since" in query.validated_data:
            applications = applications.filter(updated_at__gt=query.validated_data["changed_since"])
        return applications


@extend_schema(summary="Get an application", parameters=[APPLICATION_ID])
class ApplicationDetail(AcademyApi, generics.RetrieveAPIView):
    """One application to your academy's cohorts, by its id (another academy's is 404)."""

    serializer_class = ApplicationSerializer

    def get_queryset(self):
        return token_applications(self.request.auth)


DECIDE = {
    Decision.OFFER: lambda pk, admin, data, label: application_offer(
        application_id=pk, admin=admin, cohort_id=data.get("cohort"), actor_label=label
    ),
    Decision.WAITLIST: lambda pk, admin, data, label: application_waitlist(
        application_id=pk, admin=admin, cohort_id=data.get("cohort"), actor_label=label
    ),
    Decision.UNSUCCESSFUL: lambda pk, admin, data, label: application_reject(
        application_id=pk, admin=admin, reasons=data["reasons"], reason=data["reason"], actor_label=label
    ),
}


class ApplicationDecision(AcademyApi, APIView):
    """Offer a place (of the cohort applied to, or `cohort`), the waiting list (of either), or unsuccessful with at
    least one reason."""

    @extend_schema(
        summary="Decide an application",
        parameters=[APPLICATION_ID],
        request=DecisionSerializer,
        responses={200: ApplicationSerializer, **WRITE_PROBLEMS},
    )
    def post(self, request, pk):
        token = request.auth
        application = get_object_or_404(token_applications(token), pk=pk)
        data = valid_body(DecisionSerializer, request)
        if "cohort" in data and not token_cohorts(token).filter(pk=data["cohort"]).exists():
            raise exceptions.ValidationError({"cohort": [NOT_A_COHORT]})
        try:
            DECIDE[data["decision"]](application.pk, token.created_by, data, token.label)
        except RuleError as error:
            raise rule_refusal(error) from error
        return Response(ApplicationSerializer(token_applications(token).get(pk=pk)).data)
