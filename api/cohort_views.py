"""/api/v1/academy/cohorts/ and sessions/: an academy's own system plans its cohorts and their sessions through
the same services, locks and rules as the workspace pages, each write audited under the token's name."""

from contextlib import contextmanager

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, generics, status
from rest_framework.response import Response
from rest_framework.views import APIView

from enrolment.models import CohortSession
from enrolment.services.cohorts import (
    CapacityBelowPlacesHeld,
    InvalidInput,
    cohort_cancel,
    cohort_create,
    cohort_update,
)
from enrolment.services.sessions import SessionPattern, session_delete, session_save, sessions_generate
from portal.rules import RuleError

from .academy_views import AcademyApi, Conflict, Pages
from .catalogue_queries import PROBLEM, ProblemSerializer
from .cohort_selectors import token_cohorts, token_sessions
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

# What every academy route may answer besides success: no usable token (401), a read token's write (403), another
# academy's id (404), past the token's rate (429); and a write, bad input (400) or a rule's refusal (409).
REFUSED = {(code, PROBLEM): ProblemSerializer for code in (401, 403, 404, 429)}
WRITE_REFUSED = {**REFUSED, **{(code, PROBLEM): ProblemSerializer for code in (400, 409)}}


@contextmanager
def refusals_as_problems():
    """A rule's refusal as the API says it: bad input a 400 naming each field, any other rule a 409."""
    try:
        yield
    except InvalidInput as error:
        problems = {field or "non_field_errors": [problem] for field, problem in error.problems.items()}
        raise exceptions.ValidationError(problems) from error
    except CapacityBelowPlacesHeld as error:
        raise exceptions.ValidationError({"capacity": [str(error)]}) from error
    except RuleError as error:
        raise Conflict(str(error)) from error


def _valid(serializer_class, request, **kwargs) -> dict:
    body = serializer_class(data=request.data, **kwargs)
    body.is_valid(raise_exception=True)
    return body.validated_data


def _saved_session(request, session: CohortSession, status_code: int) -> Response:
    with refusals_as_problems():
        session_save(admin=request.user, session=session, actor_label=request.auth.label)
    return Response(AcademySessionSerializer(session).data, status=status_code)


class CohortList(AcademyApi, generics.ListAPIView):
    """The academy's cohorts, soonest first, with their places held and left; POST creates one."""

    serializer_class = AcademyCohortSerializer
    pagination_class = Pages

    def get_queryset(self):
        PageQuerySerializer(data=self.request.query_params.dict()).is_valid(raise_exception=True)
        return token_cohorts(self.request.auth)

    @extend_schema(responses={200: AcademyCohortSerializer(many=True), **REFUSED, (400, PROBLEM): ProblemSerializer})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(request=CohortCreateSerializer, responses={201: AcademyCohortDetailSerializer, **WRITE_REFUSED})
    def post(self, request):
        token = request.auth
        fields = _valid(CohortCreateSerializer, request, context={"academy_id": token.academy_id})
        with refusals_as_problems():
            cohort = cohort_create(admin=request.user, academy=token.academy, actor_label=token.label, **fields)
        return Response(_cohort_detail(token, cohort.pk), status=status.HTTP_201_CREATED)


def _cohort_detail(token, pk: int) -> dict:
    cohort = get_object_or_404(token_cohorts(token).prefetch_related("sessions"), pk=pk)
    return AcademyCohortDetailSerializer(cohort).data


class CohortDetail(AcademyApi, APIView):
    """One cohort with its sessions and places held and left; PATCH changes the fields it is sent."""

    @extend_schema(responses={200: AcademyCohortDetailSerializer, **REFUSED})
    def get(self, request, pk):
        return Response(_cohort_detail(request.auth, pk))

    @extend_schema(request=CohortChangeSerializer, responses={200: AcademyCohortDetailSerializer, **WRITE_REFUSED})
    def patch(self, request, pk):
        cohort = get_object_or_404(token_cohorts(request.auth), pk=pk)
        fields = _valid(CohortChangeSerializer, request, partial=True)
        with refusals_as_problems():
            cohort_update(admin=request.user, cohort_id=cohort.pk, actor_label=request.auth.label, **fields)
        return Response(_cohort_detail(request.auth, pk))


class CohortCancel(AcademyApi, APIView):
    """Cancels the cohort and releases every applicant to it, each told the reason."""

    @extend_schema(request=CohortCancelSerializer, responses={200: AcademyCohortDetailSerializer, **WRITE_REFUSED})
    def post(self, request, pk):
        cohort = get_object_or_404(token_cohorts(request.auth), pk=pk)
        reason = _valid(CohortCancelSerializer, request)["reason"]
        with refusals_as_problems():
            cohort_cancel(admin=request.user, cohort_id=cohort.pk, reason=reason, actor_label=request.auth.label)
        return Response(_cohort_detail(request.auth, pk))


class CohortSessions(AcademyApi, generics.ListAPIView):
    """The cohort's sessions in the order they are held; POST adds one (place holders are told of it as from
    the page)."""

    serializer_class = AcademySessionSerializer
    pagination_class = Pages

    def get_queryset(self):
        PageQuerySerializer(data=self.request.query_params.dict()).is_valid(raise_exception=True)
        cohort = get_object_or_404(token_cohorts(self.request.auth), pk=self.kwargs["pk"])
        return token_sessions(self.request.auth).filter(cohort=cohort)

    @extend_schema(responses={200: AcademySessionSerializer(many=True), **REFUSED, (400, PROBLEM): ProblemSerializer})
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)

    @extend_schema(request=SessionChangeSerializer, responses={201: AcademySessionSerializer, **WRITE_REFUSED})
    def post(self, request, pk):
        cohort = get_object_or_404(token_cohorts(request.auth), pk=pk)
        fields = _valid(SessionChangeSerializer, request)
        return _saved_session(request, CohortSession(cohort=cohort, **fields), status.HTTP_201_CREATED)


class SessionsGenerate(AcademyApi, APIView):
    """Replaces the cohort's sessions with a pattern's, on working days; place holders are told, once."""

    @extend_schema(
        request=SessionPatternSerializer, responses={201: AcademySessionSerializer(many=True), **WRITE_REFUSED}
    )
    def post(self, request, pk):
        cohort = get_object_or_404(token_cohorts(request.auth), pk=pk)
        pattern = SessionPattern(**_valid(SessionPatternSerializer, request))
        with refusals_as_problems():
            made = sessions_generate(
                admin=request.user, cohort_id=cohort.pk, pattern=pattern, actor_label=request.auth.label
            )
        return Response(AcademySessionSerializer(made, many=True).data, status=status.HTTP_201_CREATED)


class SessionDetail(AcademyApi, APIView):
    """One session; PATCH changes the fields it is sent (a move is told to place holders), DELETE removes it."""

    @extend_schema(responses={200: AcademySessionSerializer, **REFUSED})
    def get(self, request, pk):
        return Response(AcademySessionSerializer(get_object_or_404(token_sessions(request.auth), pk=pk)).data)

    @extend_schema(request=SessionChangeSerializer, responses={200: AcademySessionSerializer, **WRITE_REFUSED})
    def patch(self, request, pk):
        session = get_object_or_404(token_sessions(request.auth), pk=pk)
        for name, value in _valid(SessionChangeSerializer, request, partial=True).items():
            setattr(session, name, value)
        return _saved_session(request, session, status.HTTP_200_OK)

    @extend_schema(responses={204: None, **WRITE_REFUSED})
    def delete(self, request, pk):
        session = get_object_or_404(token_sessions(request.auth), pk=pk)
        with refusals_as_problems():
            session_delete(admin=request.user, session_id=session.pk, actor_label=request.auth.label)
        return Response(status=status.HTTP_204_NO_CONTENT)
