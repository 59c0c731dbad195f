"""/api/v1/academy/: an academy's own system takes attendance and records outcomes through the same services, locks
and rules as the workspace's attendance and outcome pages, each write audited under the token's name."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from enrolment.services.completion import completion_record
from enrolment.services.sessions import attendance_record

from .academy_api import AcademyApi, refusals_as_problems, valid_body
from .academy_selectors import token_cohorts, token_sessions
from .record_selectors import recorded_outcomes, session_participants
from .record_serializers import (
    AttendanceInputSerializer,
    OutcomeSerializer,
    OutcomesInputSerializer,
    SessionAttendanceSerializer,
)


def _attendance(session) -> dict:
    session.participants = session_participants(session)
    return SessionAttendanceSerializer(session).data


class SessionAttendance(AcademyApi, APIView):
    """Who takes part in the session's cohort and whether each attended; PUT sets it for everyone at once."""

    @extend_schema(responses={200: SessionAttendanceSerializer})
    def get(self, request, pk):
        return Response(_attendance(get_object_or_404(token_sessions(request.auth), pk=pk)))

    @extend_schema(request=AttendanceInputSerializer, responses={200: SessionAttendanceSerializer})
    def put(self, request, pk):
        token = request.auth
        session = get_object_or_404(token_sessions(token), pk=pk)
        attended = valid_body(AttendanceInputSerializer, request)["attended"]
        with refusals_as_problems():
            attendance_record(
                admin=token.created_by, session_id=session.pk, attended_ids=set(attended), actor_label=token.label
            )
        return Response(_attendance(session))


class CohortOutcomes(AcademyApi, APIView):
    """Completed or did not complete, for learners with an accepted place; a certificate for each completion."""

    @extend_schema(request=OutcomesInputSerializer, responses={200: OutcomeSerializer(many=True)})
    def post(self, request, pk):
        token = request.auth
        cohort = get_object_or_404(token_cohorts(token), pk=pk)
        data = valid_body(OutcomesInputSerializer, request)
        with refusals_as_problems():
            completion_record(
                admin=token.created_by,
                cohort_id=cohort.pk,
                outcomes=data["outcomes"],
                cpd_hours=data["cpd_hours"],
                actor_label=token.label,
            )
        return Response(OutcomeSerializer(recorded_outcomes(cohort, data["outcomes"]), many=True).data)
