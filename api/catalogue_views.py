"""The public, read-only catalogue API: no key, the same filters as the catalogue page, and the same page cache
and ETags (enrolment.discovery.cache): a visitor's response is kept under the catalogue's version, and a request
with its ETag in If-None-Match gets a 304."""

from functools import wraps

from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.generics import ListAPIView, RetrieveAPIView
from rest_framework.permissions import AllowAny

from enrolment.discovery.cache import cache_page_for_visitors

from .catalogue_queries import (
    BAD_QUERY,
    COHORT_PARAMETERS,
    NOT_FOUND,
    PROGRAMME_PARAMETERS,
    PagePagination,
    cohort_filters,
    programme_filters,
)
from .catalogue_serializers import AcademySerializer, CohortSerializer, ProgrammeSerializer
from .selectors import academy_api_list, cohort_api_list, programme_api_list


def cached(view_class):
    """The view, rendered, behind the catalogue's page cache (DRF renders late; the cache needs the bytes)."""
    view = view_class.as_view()

    @wraps(view)
    def rendered(request, *args, **kwargs):
        return view(request, *args, **kwargs).render()

    return cache_page_for_visitors(rendered)


class PublicView:
    authentication_classes = []
    permission_classes = [AllowAny]
    pagination_class = PagePagination
    lookup_field = "slug"


@extend_schema(
    summary="List programmes",
    parameters=PROGRAMME_PARAMETERS,
    responses={200: ProgrammeSerializer(many=True), **BAD_QUERY},
)
class ProgrammeList(PublicView, ListAPIView):
    """Programmes, searched, filtered and sorted as on the catalogue page."""

    serializer_class = ProgrammeSerializer

    def get_queryset(self):
        today, now = timezone.localdate(), timezone.now()
        queryset = programme_api_list(today=today, now=now)
        return programme_filters(self.request.query_params, queryset, today=today, now=now, path=self.request.path).qs


@extend_schema(
    summary="Get a programme",
    parameters=[OpenApiParameter("slug", str, OpenApiParameter.PATH, description="The programme's slug.")],
    responses={200: ProgrammeSerializer, **NOT_FOUND},
)
class ProgrammeDetail(PublicView, RetrieveAPIView):
    """One programme, by its slug, with its facets, sources and next start."""

    serializer_class = ProgrammeSerializer

    def get_queryset(self):
        return programme_api_list(today=timezone.localdate(), now=timezone.now())


@extend_schema(summary="List academies", responses={200: AcademySerializer(many=True), **BAD_QUERY})
class AcademyList(PublicView, ListAPIView):
    """The academies, each with its region, integrated care system and sources."""

    serializer_class = AcademySerializer
    queryset = academy_api_list()


@extend_schema(
    summary="Get an academy",
    parameters=[OpenApiParameter("slug", str, OpenApiParameter.PATH, description="The academy's slug.")],
    responses={200: AcademySerializer, **NOT_FOUND},
)
class AcademyDetail(PublicView, RetrieveAPIView):
    """One academy, by its slug."""

    serializer_class = AcademySerializer
    queryset = academy_api_list()


@extend_schema(
    summary="List upcoming cohorts",
    parameters=COHORT_PARAMETERS,
    responses={200: CohortSerializer(many=True), **BAD_QUERY},
)
class CohortList(PublicView, ListAPIView):
    """Upcoming cohorts, soonest first, with their places left and sessions."""

    serializer_class = CohortSerializer

    def get_queryset(self):
        lookups = cohort_filters(self.request.query_params)
        return cohort_api_list(today=timezone.localdate()).filter(**lookups)


programme_list = cached(ProgrammeList)
programme_detail = cached(ProgrammeDetail)
academy_list = cached(AcademyList)
academy_detail = cached(AcademyDetail)
cohort_list = cached(CohortList)
