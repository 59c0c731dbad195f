"""/api/v1/academy/cohorts/ and sessions/: an academy's own system plans its cohorts and their sessions through
the same services, locks and rules as the workspace pages, each write audited under the token's name."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from enrolment.models import CohortSession
from enrolment.services.cohorts import cohort_cancel, cohort_create, cohort_update
from enrolment.services.sessions import SessionPattern, session_delete, session_save, sessions_generate

from .academy_api import AcademyApi, Pages, refusals_as_problems, valid_body, valid_query
from .academy_selectors import token_cohorts, token_sessions
from .cohort_serializers import (
    AcademyCohortDetailSerializer,
    AcademyCohortSerializer,
    AcademySessionSerializer,
    CohortCancelSerializer,
    CohortChangeSerializer,
    CohortCreateSerializer,
    PageQuerySerializer,
    SessionChangeSerializer,
    SessionPatternSerializer,
)


def _saved_session(request, session: CohortSession, status_code: int) -> Response:
    with refusals_as_problems():
        session_save(admin=request.user, session=session, actor_label=request.auth.label)
    return Response(AcademySessionSerializer(session).data, status=status_code)


class CohortList(AcademyApi, generics.ListAPIView):
    """The academy's cohorts, soonest first, with their places held and left; POST creates one."""

    serializer_class = AcademyCohortSerializer
    pagination_class = Pages

    def get_queryset(self):
        valid_query(PageQuerySerializer, self.request)
        return token_cohorts(self.request.auth)

    @extend_schema(responses={200: AcademyCohortSerializer(many=True)})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(request=CohortCreateSerializer, responses={201: AcademyCohortDetailSerializer})
    def post(self, request):
        token = request.auth
        fields = valid_body(CohortCreateSerializer, request, context={"academy_id": token.academy_id})
        with refusals_as_problems():
            cohort = cohort_create(admin=request.user, academy=token.academy, actor_label=token.label, **fields)
        return Response(_cohort_detail(token, cohort.pk), status=status.HTTP_201_CREATED)


def _cohort_detail(token, pk: int) -> dict:
    cohort = get_object_or_404(token_cohorts(token).prefetch_related("sessions"), pk=pk)
    return AcademyCohortDetailSerializer(cohort).data


class CohortDetail(AcademyApi, APIView):
    """One cohort with its sessions and places held and left; PATCH changes the fields it is sent."""

    @extend_schema(responses={200: AcademyCohortDetailSerializer})
    def get(self, request, pk):
        return Response(_cohort_detail(request.auth, pk))

    @extend_schema(request=CohortChangeSerializer, responses={200: AcademyCohortDetailSerializer})
    def patch(self, request, pk):
        cohort = get_object_or_404(token_cohorts(request.auth), pk=pk)
        fields = valid_body(CohortChangeSerializer, request, partial=True)
        with refusals_as_problems():
            cohort_update(admin=request.user, cohort_id=cohort.pk, actor_label=request.auth.label, **fields)
        return Response(_cohort_detail(request.auth, pk))


class CohortCancel(AcademyApi, APIView):
    """Cancels the cohort and releases every applicant to it, each told the reason."""

    @extend_schema(request=CohortCancelSerializer, responses={200: AcademyCohortDetailSerializer})
    def post(self, request, pk):
        cohort = get_object_or_404(token_cohorts(request.auth), pk=pk)
        reason = valid_body(CohortCancelSerializer, request)["reason"]
        with refusals_as_problems():
            cohort_cancel(admin=request.user, cohort_id=cohort.pk, reason=reason, actor_label=request.auth.label)
        return Response(_cohort_detail(request.auth, pk))


class CohortSessions(AcademyApi, generics.ListAPIView):
    """The cohort's sessions in the order they are held; POST adds one (place holders are told of it as from
    the page)."""

    serializer_class = AcademySessionSerializer
    pagination_class = Pages

    def get_queryset(self):
        valid_query(PageQuerySerializer, self.request)
        cohort = get_object_or_404(token_cohorts(self.request.auth), pk=self.kwargs["pk"])
        return token_sessions(self.request.auth).filter(cohort=cohort)

    @extend_schema(responses={200: AcademySessionSerializer(many=True)})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(request=SessionChangeSerializer, responses={201: AcademySessionSerializer})
    def post(self, request, pk):
        cohort = get_object_or_404(token_cohorts(request.auth), pk=pk)
        fields = valid_body(SessionChangeSerializer, request)
        return _saved_session(request, CohortSession(cohort=cohort, **fields), status.HTTP_201_CREATED)


class SessionsGenerate(AcademyApi, APIView):
    """Replaces the cohort's sessions with a pattern's, on working days; place holders are told, once."""

    @extend_schema(
        request=SessionPatternSerializer, responses={201: AcademySessionSerializer(many=True)}
    )
    def post(self, request, pk):
        cohort = get_object_or_404(token_cohorts(request.auth), pk=pk)
        pattern = SessionPattern(**valid_body(SessionPatternSerializer, request))
        with refusals_as_problems():
            made = sessions_generate(
                admin=request.user, cohort_id=cohort.pk, pattern=pattern, actor_label=request.auth.label
            )
        return Response(AcademySessionSerializer(made, many=True).data, status=status.HTTP_201_CREATED)


class SessionDetail(AcademyApi, APIView):
    """One session; PATCH changes the fields it is sent (a move is told to place holders), DELETE removes it."""

    @extend_schema(responses={200: AcademySessionSerializer})
    def get(self, request, pk):
        return Response(AcademySessionSerializer(get_object_or_404(token_sessions(request.auth), pk=pk)).data)

    @extend_schema(request=SessionChangeSerializer, responses={200: AcademySessionSerializer})
    def patch(self, request, pk):
        session = get_object_or_404(token_sessions(request.auth), pk=pk)
        for name, value in valid_body(SessionChangeSerializer, request, partial=True).items():
            setattr(session, name, value)
        return _saved_session(request, session, status.HTTP_200_OK)

    @extend_schema(responses={204: None})
    def delete(self, request, pk):
        session = get_object_or_404(token_sessions(request.auth), pk=pk)
        with refusals_as_problems():
            session_delete(admin=request.user, session_id=session.pk, actor_label=request.auth.label)
        return Response(status=status.HTTP_204_NO_CONTENT)
