"""/api/v1/academy/: an academy's own system reads the applications to its cohorts and decides them, through the
same services, locks and rules as the academy's pages, each write audited under the token's name."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from enrolment.services.decisions import (
    Decision,
    RejectionReasonsMissing,
    application_offer,
    application_reject,
    application_waitlist,
)
from portal.rules import RuleError

from .academy_selectors import token_applications
from .academy_serializers import ApplicationFilterSerializer, ApplicationSerializer, DecisionSerializer
from .authentication import AcademyTokenAuthentication, TokenScope, TokenThrottle
from .catalogue_queries import PagePagination


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT


class Pages(PagePagination):
    """As the public API's pages: a page past the last is a 400 naming `page`, not a 404 of the whole list."""

    page_size = 50


class AcademyApi:
    authentication_classes = [AcademyTokenAuthentication]
    permission_classes = [TokenScope]
    throttle_classes = [TokenThrottle]


@extend_schema(parameters=[OpenApiParameter("changed_since", str, description="An ISO 8601 date and time")])
class ApplicationList(AcademyApi, generics.ListAPIView):
    serializer_class = ApplicationSerializer
    pagination_class = Pages

    def get_queryset(self):
        query = ApplicationFilterSerializer(data=self.request.query_params.dict())
        query.is_valid(raise_exception=True)
        applications = token_applications(self.request.auth)
        if "changed_since" in query.validated_data:
            applications = applications.filter(updated_at__gt=query.validated_data["changed_since"])
        return applications


class ApplicationDetail(AcademyApi, generics.RetrieveAPIView):
    serializer_class = ApplicationSerializer

    def get_queryset(self):
        return token_applications(self.request.auth)


DECIDE = {
    Decision.OFFER: lambda pk, admin, data, label: application_offer(
        application_id=pk, admin=admin, actor_label=label
    ),
    Decision.WAITLIST: lambda pk, admin, data, label: application_waitlist(
        application_id=pk, admin=admin, actor_label=label
    ),
    Decision.UNSUCCESSFUL: lambda pk, admin, data, label: application_reject(
        application_id=pk, admin=admin, reasons=data["reasons"], reason=data["reason"], actor_label=label
    ),
}


class ApplicationDecision(AcademyApi, APIView):
    """Offer a place (of the cohort applied to), the waiting list, or unsuccessful with at least one reason."""

    @extend_schema(request=DecisionSerializer, responses={200: ApplicationSerializer})
    def post(self, request, pk):
        token = request.auth
        application = get_object_or_404(token_applications(token), pk=pk)
        body = DecisionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        try:
            DECIDE[data["decision"]](application.pk, token.created_by, data, token.label)
        except RejectionReasonsMissing as error:
            raise exceptions.ValidationError(error.problems) from error
        except RuleError as error:
            raise Conflict(str(error)) from error
        return Response(ApplicationSerializer(token_applications(token).get(pk=pk)).data)
