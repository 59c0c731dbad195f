"""/api/v1/academy/webhooks/deliveries/: an academy's own system reads the recent deliveries to its academy's
webhook endpoints, with each attempt and the receiver's answer, and asks for one to be sent again through the same
service as the workspace's page, audited under the token's name."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from enrolment.services.webhooks import webhook_delivery_resend

from .academy_api import AcademyApi, Pages, refusals_as_problems, valid_body, valid_query
from .webhook_selectors import token_webhook_deliveries
from .webhook_serializers import ResendSerializer, WebhookDeliveryFilterSerializer, WebhookDeliverySerializer


@extend_schema(
    parameters=[
        OpenApiParameter("endpoint", int, description="Only this endpoint's deliveries (its id)."),
    ],
    responses={200: WebhookDeliverySerializer(many=True)},
)
class WebhookDeliveryList(AcademyApi, generics.ListAPIView):
    """Deliveries to the academy's webhook endpoints, newest first, each with its attempts and their answers."""

    serializer_class = WebhookDeliverySerializer
    pagination_class = Pages

    def get_queryset(self):
        endpoint_id = valid_query(WebhookDeliveryFilterSerializer, self.request).get("endpoint")
        return token_webhook_deliveries(self.request.auth, endpoint_id=endpoint_id)


class WebhookDeliveryResend(AcademyApi, APIView):
    """Sends the delivery again, with the same event id; the new attempt shows in the list once made."""

    @extend_schema(
        request=ResendSerializer,
        responses={202: WebhookDeliverySerializer},
    )
    def post(self, request, pk):
        token = request.auth
        delivery = get_object_or_404(token_webhook_deliveries(token), pk=pk)
        valid_body(ResendSerializer, request)
        with refusals_as_problems():
            webhook_delivery_resend(admin=token.created_by, delivery_id=delivery.pk, actor_label=token.label)
        answer = WebhookDeliverySerializer(token_webhook_deliveries(token).get(pk=delivery.pk))
        return Response(answer.data, status=status.HTTP_202_ACCEPTED)
