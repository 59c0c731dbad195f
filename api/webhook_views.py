"""/api/v1/academy/webhooks/deliveries/: an academy's own system reads the recent deliveries to its academy's
webhook endpoints, with each attempt and the receiver's answer, and asks for one to be sent again through the same
service as the workspace's page, audited under the token's name."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from enrolment.services.webhooks import webhook_delivery_resend
from portal.rules import RuleError

from .academy_views import AcademyApi, Conflict, Pages
from .catalogue_queries import PROBLEM, ProblemSerializer
from .webhook_selectors import token_webhook_deliveries
from .webhook_serializers import ResendSerializer, WebhookDeliveryFilterSerializer, WebhookDeliverySerializer


def _problems(*codes: int) -> dict:
    return {(code, PROBLEM): ProblemSerializer for code in codes}


def _valid(serializer_class, data) -> dict:
    """The input, validated: a 400 problem naming each field at fault otherwise."""
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


@extend_schema(
    parameters=[
        OpenApiParameter("endpoint", int, description="Only this endpoint's deliveries (its id)."),
    ],
    responses={200: WebhookDeliverySerializer(many=True), **_problems(400, 401, 429)},
)
class WebhookDeliveryList(AcademyApi, generics.ListAPIView):
    """Deliveries to the academy's webhook endpoints, newest first, each with its attempts and their answers."""

    serializer_class = WebhookDeliverySerializer
    pagination_class = Pages

    def get_queryset(self):
        endpoint_id = _valid(WebhookDeliveryFilterSerializer, self.request.query_params.dict()).get("endpoint")
        return token_webhook_deliveries(self.request.auth, endpoint_id=endpoint_id)


class WebhookDeliveryResend(AcademyApi, APIView):
    """Sends the delivery again, with the same event id; the new attempt shows in the list once made."""

    @extend_schema(
        request=ResendSerializer,
        responses={202: WebhookDeliverySerializer, **_problems(400, 401, 403, 404, 409, 429)},
    )
    def post(self, request, pk):
        token = request.auth
        delivery = get_object_or_404(token_webhook_deliveries(token), pk=pk)
        _valid(ResendSerializer, request.data)
        try:
            webhook_delivery_resend(admin=token.created_by, delivery_id=delivery.pk, actor_label=token.label)
        except RuleError as error:
            raise Conflict(str(error)) from error
        answer = WebhookDeliverySerializer(token_webhook_deliveries(token).get(pk=delivery.pk))
        return Response(answer.data, status=status.HTTP_202_ACCEPTED)
