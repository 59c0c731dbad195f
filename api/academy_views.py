"""/api/v1/academy/: an academy's own system reads the applications to its cohorts and decides them, through the
same services, locks and rules as the academy's pages, each write audited under the token's name."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, generics
from rest_framework.response import Response
from rest_framework.views import APIView

from enrolment.services.decisions import (
    NOT_A_COHORT,
    Decision,
    application_offer,
    application_reject,
    application_waitlist,
)

from .academy_api import AcademyApi, Pages, refusals_as_problems, valid_body, valid_query
from .academy_selectors import token_applications, token_cohorts
from .academy_serializers import ApplicationFilterSerializer, ApplicationSerializer, DecisionSerializer

APPLICATION_ID = OpenApiParameter("id", int, OpenApiParameter.PATH, description="The application's id.")



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
        query = valid_query(ApplicationFilterSerializer, self.request)
        applications = token_applications(self.request.auth)
        if "changed_since" in query:
            applications = applications.filter(updated_at__gt=query["changed_since"])
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
        responses={200: ApplicationSerializer},
    )
    def post(self, request, pk):
        token = request.auth
        application = get_object_or_404(token_applications(token), pk=pk)
        data = valid_body(DecisionSerializer, request)
        if "cohort" in data and not token_cohorts(token).filter(pk=data["cohort"]).exists():
            raise exceptions.ValidationError({"cohort": [NOT_A_COHORT]})
        with refusals_as_problems():
            DECIDE[data["decision"]](application.pk, token.created_by, data, token.label)
        return Response(ApplicationSerializer(token_applications(token).get(pk=pk)).data)
