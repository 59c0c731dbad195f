"""Writes of reporting: a person's equality answers, and rebuilding the tables every report reads."""

import time

from django.db import connection, transaction
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    Count,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, NullIf, TruncDate, TruncMonth
from django.utils import timezone

from enrolment.models import EVER_OFFERED, PARTICIPANTS, Application, ApplicationEvent, Enrolment, Status
from progression.selectors import answered_follow_up_says

from .models import (
    EQUALITY_DIMENSIONS,
    ETHNIC_GROUP_HEADINGS,
    Dimension,
    EqualityProfile,
    MonthlyFigure,
    ReportFact,
    ReportsRefresh,
)
from .progression import programme_stage, progression_aliases, went_on


def equality_profile_save(*, user, ethnicity: str, sex: str, disability: str, age_band: str) -> EqualityProfile:
    profile, _ = EqualityProfile.objects.update_or_create(
        user=user, defaults={"ethnicity": ethnicity, "sex": sex, "disability": disability, "age_band": age_band}
    )
    return profile


def equality_profile_delete(*, user) -> None:
    """Withdraws every answer; the next refresh counts the person as 'not stated'."""
    EqualityProfile.objects.filter(user=user).delete()


def reports_refresh() -> ReportsRefresh:
    """Rebuild ReportFact and MonthlyFigure from the live tables in one transaction.

    Readers see the old figures until it commits, then the new ones, never a mix. Two refreshes at once take
    turns on the ReportsRefresh row, and a second one simply rebuilds the same figures again.
    """
    started = time.monotonic()
    with transaction.atomic():
        ReportsRefresh.objects.get_or_create(pk=1)
        state = ReportsRefresh.objects.select_for_update().get(pk=1)
        state.started_at = timezone.now()
        MonthlyFigure.objects.all().delete()
        ReportFact.objects.all().delete()
        _insert_select(ReportFact, _application_facts())
        _insert_select(ReportFact, _enrolment_facts())
        for dimension, rows in _monthly_figures():
            _insert_select(MonthlyFigure, rows, dimension=dimension)
        state.facts = ReportFact.objects.count()
        state.finished_at = timezone.now()
        state.seconds = round(time.monotonic() - started, 3)
        state.save()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # fresh statistics, so the planner knows the new tables' sizes
            cursor.execute(f"ANALYZE {ReportFact._meta.db_table}, {MonthlyFigure._meta.db_table}")
    return state


def _insert_select(model, rows: QuerySet, **constants) -> None:
    """INSERT INTO model SELECT ...: the rows go from table to table inside the database, never through Python.

    `rows` is a values() queryset whose names are the model's column names prefixed with "r_"; `constants`
    fills other columns with one value for every row.
    """
    names = list(rows.query.annotation_select)
    columns = [model._meta.get_field(name.removeprefix("r_")).column for name in names]
    columns += [model._meta.get_field(name).column for name in constants]
    quote = connection.ops.quote_name
    select_sql, params = rows.query.sql_with_params()
    placeholders = ["%s"] * len(constants)
    target = f"{quote(model._meta.db_table)} ({', '.join(map(quote, columns))})"
    selected = ", ".join([*map(quote, names), *placeholders])
    # Only quoted table and column names are formatted in; every value travels as a parameter.
    sql = f"INSERT INTO {target} SELECT {selected} FROM ({select_sql}) AS report_rows"  # noqa: S608  # nosec B608
    with connection.cursor() as cursor:
        cursor.execute(sql, (*constants.values(), *params))


def _text(expression) -> Coalesce:
    return Coalesce(expression, Value(""), output_field=CharField())


def _month(expression) -> TruncMonth:
    """The first day of the month, in the portal's time zone, as a date on every database."""
    return TruncMonth(TruncDate(expression))


def _ethnic_group(field: str) -> Case:
    """The ONS high-level group of a detailed answer: its code up to the first underscore."""
    whens = [When(**{f"{field}__startswith": f"{group}_"}, then=Value(group)) for group in ETHNIC_GROUP_HEADINGS]
    return Case(*whens, default=_text(field), output_field=CharField())


def _person_facts(person: str, *, snapshot: bool) -> dict:
    """Where the person works and what they told us for equality monitoring.

    With `snapshot`, the organisation, profession and band recorded on the application come first and the
    person's staff profile fills in what the application lacks; without, the staff profile is all there is.
    """
    profile = f"{person}__profile__"
    equality = f"{person}__equality_profile__"

    def at_the_time(field: str):
        return Coalesce(field, f"{profile}{field}") if snapshot else F(f"{profile}{field}")

    grade = NullIf(f"{profile}grade", Value(""))
    return {
        "r_ics_id": at_the_time("organisation__ics_id"),
        "r_region_id": at_the_time("organisation__ics__region_id"),
        "r_organisation_id": at_the_time("organisation_id"),
        "r_profession_id": at_the_time("profession_id"),
        "r_grade": _text(Coalesce(NullIf("grade", Value("")), grade) if snapshot else grade),
        "r_ethnic_group": _ethnic_group(f"{equality}ethnicity"),
        "r_sex": _text(f"{equality}sex"),
        "r_disability": _text(f"{equality}disability"),
        "r_age_band": _text(f"{equality}age_band"),
    }


def _is_demo(person: str, *, snapshot: bool, cohort: bool) -> Coalesce:
    """Whether a demo record had a part in the fact: the person, the programme, the cohort, or the organisation
    (as _person_facts takes it) or its system. A record that is not there (no cohort, no organisation) is not."""
    profile_organisation = f"{person}__profile__organisation__"
    demo = Q(**{f"{person}__is_demo": True}) | Q(programme__is_demo=True)
    if cohort:
        demo |= Q(cohort__is_demo=True)
    from_profile = Q(**{f"{profile_organisation}is_demo": True}) | Q(**{f"{profile_organisation}ics__is_demo": True})
    if snapshot:
        recorded = Q(organisation__is_demo=True) | Q(organisation__ics__is_demo=True)
        demo |= recorded | Q(organisation__isnull=True) & from_profile
    else:
        demo |= from_profile
    return Coalesce(ExpressionWrapper(demo, BooleanField()), Value(False), output_field=BooleanField())


# Facts are written in this order, so that one system's rows for a programme lie together on disk and a filtered
# report reads a few pages rather than a page a row.
STORED_ORDER = ("r_ics_id", "r_programme_id", "r_month")


def _application_facts() -> QuerySet:
    accepted_at = (
        ApplicationEvent.objects.filter(application=OuterRef("pk"), to_status=Status.ACCEPTED)
        .order_by("created_at")
        .values("created_at")[:1]
    )
    return (
        Application.objects.filter(submitted_at__isnull=False)
        .exclude(status=Status.DRAFT)
        .alias(**progression_aliases("submitted_at"))
        .values(
            r_kind=Value(ReportFact.Kind.APPLICATION, output_field=CharField()),
            r_source_id=F("pk"),
            r_programme_id=F("programme_id"),
            r_month=_month("submitted_at"),
            r_enrolled_on=Case(
                When(
                    status__in=PARTICIPANTS,
                    then=TruncDate(Coalesce(Subquery(accepted_at), "offered_at", "submitted_at")),
                )
            ),
            r_is_offered=ExpressionWrapper(Q(offered_at__isnull=False) | Q(status__in=EVER_OFFERED), BooleanField()),
            r_is_enrolled=ExpressionWrapper(Q(status__in=PARTICIPANTS), BooleanField()),
            r_is_completed=ExpressionWrapper(Q(status=Status.COMPLETED), BooleanField()),
            **_progression(Q(status=Status.COMPLETED) & went_on("applicant_id")),
            **_follow_up_answers(answered_follow_up_says("pk")),
            r_is_demo=_is_demo("applicant", snapshot=True, cohort=True),
            **_person_facts("applicant", snapshot=True),
        )
        .order_by(*STORED_ORDER)
    )


def _progression(progressed: Q) -> dict:
    """The programme's career stage and whether the person went on from it (reporting.progression)."""
    return {
        "r_career_stage_id": programme_stage("programme_id", "pk"),
        "r_is_progressed": ExpressionWrapper(progressed, BooleanField()),
    }


# ReportFact's field for each answer of progression.selectors.ANSWERS.
FOLLOW_UP_FACTS = {
    "role_changed": "r_said_role_changed",
    "band_up": "r_said_band_up",
    "new_responsibilities": "r_said_new_responsibilities",
}


def _follow_up_answers(said: dict) -> dict:
    """What follow-ups said, as ReportFact's fields; open-access enrolments have no follow-up and say False."""
    return {fact: ExpressionWrapper(said[answer], BooleanField()) for answer, fact in FOLLOW_UP_FACTS.items()}


def _enrolment_facts() -> QuerySet:
    completed = Q(status=Enrolment.Status.COMPLETED)
    facts = Enrolment.objects.alias(**progression_aliases("enrolled_at"))
    return facts.values(
        r_kind=Value(ReportFact.Kind.ENROLMENT, output_field=CharField()),
        r_source_id=F("pk"),
        r_programme_id=F("programme_id"),
        r_month=_month("enrolled_at"),
        r_enrolled_on=TruncDate("enrolled_at"),
        r_is_offered=Value(False, output_field=BooleanField()),
        r_is_enrolled=Value(True, output_field=BooleanField()),
        r_is_completed=ExpressionWrapper(completed, BooleanField()),
        **_progression(completed & went_on("learner_id")),
        **_follow_up_answers(dict.fromkeys(FOLLOW_UP_FACTS, Value(False))),
        r_is_demo=_is_demo("learner", snapshot=False, cohort=False),
        **_person_facts("learner", snapshot=False),
    ).order_by(*STORED_ORDER)


FACT_COUNTS = {
    "r_applications": Count("pk", filter=Q(kind=ReportFact.Kind.APPLICATION)),
    "r_offers": Count("pk", filter=Q(is_offered=True)),
    "r_enrolments": Count("pk", filter=Q(is_enrolled=True)),
    "r_completions": Count("pk", filter=Q(is_completed=True)),
}
# What each dimension's MonthlyFigure rows are keyed by, besides system, region and month.
FIGURE_KEYS = {
    Dimension.TOTAL: {},
    Dimension.PROGRAMME: {"r_programme_id": F("programme_id")},
    Dimension.ORGANISATION: {"r_organisation_id": F("organisation_id")},
    Dimension.PROFESSION: {"r_profession_id": F("profession_id")},
    Dimension.BAND: {"r_code": F("grade")},
    Dimension.ETHNIC_GROUP: {"r_code": F("ethnic_group")},
    Dimension.SEX: {"r_code": F("sex")},
    Dimension.DISABILITY: {"r_code": F("disability")},
    Dimension.AGE_BAND: {"r_code": F("age_band")},
}


def _monthly_figures():
    place = {"r_ics_id": F("ics_id"), "r_region_id": F("region_id"), "r_is_demo": F("is_demo")}
    facts = ReportFact.objects.order_by()
    for dimension, keys in FIGURE_KEYS.items():
        rows = facts.filter(kind=ReportFact.Kind.APPLICATION) if dimension in EQUALITY_DIMENSIONS else facts
        yield dimension, rows.values(**place, r_month=F("month"), **keys).annotate(**FACT_COUNTS)
    enrolled = facts.filter(is_enrolled=True).values(
        **place, r_month=TruncMonth("enrolled_on"), r_programme_id=F("programme_id")
    )
    yield Dimension.ENROLLED, enrolled.annotate(r_enrolments=Count("pk"))
