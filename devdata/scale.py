"""A realistic, made-up national data set to measure the reports against: `manage.py seed_scale`.

Everything it makes is marked demo and named "Demo: Scale ...". It is deterministic: the n-th application is
always the same application, so a run can add to an earlier one (100,000 applications, then up to 1,000,000) and
running again with the same counts adds nothing. Rows go in with bulk_create in batches, each batch committed on
its own, so an interrupted run picks up where it stopped.

Shape: 42 systems, 6 in each of the 7 NHS England regions, of different sizes; 24 organisations each; staff
spread over them with a profession, a band and (for most) equality answers; 500 programmes, one in 20 open access,
whose popularity falls away as in real catalogues (a few national programmes take most applications); 5,000
cohorts spread over three years; applications in their cohorts' windows, their status what their cohort's stage
makes likely, each with the history of moves Application.TRANSITIONS leads there by (scale_histories). The counts
and distributions are in scale_shape.
"""

from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.db.models import Count, F, Sum
from django.db.models.functions import Greatest
from django.utils import timezone

from academies.models import Academy, AcademyAdmin
from enrolment.models import Application, ApplicationEvent, Cohort, Enrolment, places_held_by_cohort
from portal.models import IcsLead, IntegratedCareSystem, Organisation, Profession, Region, StaffProfile, User
from programmes.models import Programme
from reporting.models import Dimension, EqualityProfile, MonthlyFigure

from .scale_histories import CohortPlan, history, move_times, with_history
from .scale_shape import (
    AGE_WEIGHTS,
    BENCHMARK_ADMIN_EMAIL,
    BENCHMARK_LEAD_EMAIL,
    DISABILITY_WEIGHTS,
    EMAIL,
    EMAIL_END,
    EMAIL_START,
    ETHNICITY_WEIGHTS,
    GRADE_WEIGHTS,
    NO_SNAPSHOT_ORGANISATION,
    OPEN_ACCESS_EVERY,
    ORGANISATIONS_PER_SYSTEM,
    OUTCOMES,
    PREFIX,
    PROFESSION_WEIGHTS,
    PROFESSIONS,
    REGIONS,
    SEX_WEIGHTS,
    SLUG,
    YEARS,
    ScaleError,
    Shape,
    pick,
    rng_for,
    weighted,
)

__all__ = [
    "EMAIL", "ScaleError", "ScaleSeeder", "Shape", "benchmark_academy_admin", "benchmark_ics_lead", "busiest_system",
]


class ScaleSeeder:
    """Makes (or tops up) the data set; `progress(label, total)` returns a callable told how many rows are done."""

    def __init__(self, shape: Shape, *, progress: Callable, now: datetime | None = None):
        self.shape = shape
        self.progress = progress
        self.now = now or timezone.now()
        self.today = timezone.localdate(self.now)
        self.start = self.now - timedelta(days=365 * YEARS)

    def run(self) -> dict:
        """Returns how many rows of each kind it added."""
        added = {}
        with transaction.atomic():
            systems = self._systems()
            organisations = self._organisations(systems)
            professions = self._professions()
            programmes = self._programmes()
            cohorts = self._cohorts(programmes)
        added["staff"] = self._staff(organisations, professions)
        staff = self._staff_rows()
        added["applications"] = self._applications(staff, programmes, cohorts)
        added["enrolments"] = self._enrolments(staff, programmes)
        if added["applications"]:
            self._fit_capacity()
        if any(added.values()) and connection.vendor == "postgresql":
            with connection.cursor() as cursor:  # statistics for the new rows, so the reports' queries plan well
                cursor.execute("ANALYZE")
        return added

    # ----------------------------------------------------------------------------------------------------------
    # Places and the catalogue: small, made once, checked against the shape asked for on later runs.

    def _check(self, noun: str, existing: int, wanted: int, option: str) -> bool:
        """True when there are none yet; False when there are as many as wanted; else a ScaleError."""
        if existing == 0:
            return True
        if existing != wanted:
            raise ScaleError(
                f"This database already has a scale data set with {existing:,} {noun}, not {wanted:,}. Run again "
                f"with {option} {existing}, or use an empty database for a data set of another shape."
            )
        return False

    def _systems(self) -> list[IntegratedCareSystem]:
        regions = [Region.objects.get_or_create(slug=slug, defaults={"name": name})[0] for slug, name in REGIONS]
        existing = IntegratedCareSystem.objects.filter(slug__startswith=f"{SLUG}-ics-")
        if self._check("systems", existing.count(), self.shape.systems, "--systems"):
            IntegratedCareSystem.objects.bulk_create(
                IntegratedCareSystem(
                    slug=f"{SLUG}-ics-{number:02d}",
                    name=f"{PREFIX} ICS {number:02d}",
                    region=regions[(number - 1) % len(regions)],
                    is_demo=True,
                )
                for number in range(1, self.shape.systems + 1)
            )
        return list(existing.order_by("slug"))

    def _organisations(self, systems) -> list[list[int]]:
        """Organisation ids by system, the first (largest) first."""
        existing = Organisation.objects.filter(ics__in=systems, is_demo=True, name__startswith=PREFIX)
        kinds = [Organisation.Kind.NHS_TRUST] * 3 + [Organisation.Kind.GP_PRACTICE] * 12
        kinds += [Organisation.Kind.CARE_HOME] * 4 + [Organisation.Kind.LOCAL_AUTHORITY, Organisation.Kind.ICB]
        kinds += [Organisation.Kind.VOLUNTARY_SECTOR] * 3
        wanted = len(systems) * ORGANISATIONS_PER_SYSTEM
        if self._check("organisations", existing.count(), wanted, "--systems"):
            Organisation.objects.bulk_create(
                Organisation(
                    name=f"{PREFIX} ICS {number:02d} organisation {index + 1:02d} ({kind.label})",
                    kind=kind,
                    ics=ics,
                    is_demo=True,
                )
                for number, ics in enumerate(systems, start=1)
                for index, kind in enumerate(kinds)
            )
        by_system = {ics.pk: [] for ics in systems}
        for pk, ics_id in existing.order_by("name").values_list("pk", "ics_id"):
            by_system[ics_id].append(pk)
        return [by_system[ics.pk] for ics in systems]

    def _professions(self) -> list[Profession]:
        if not Profession.objects.exists():
            Profession.objects.bulk_create(
                Profession(slug=slug, name=name, position=position) for position, (slug, name) in enumerate(PROFESSIONS)
            )
        return list(Profession.objects.order_by("position", "pk"))

    def _programmes(self) -> list[Programme]:
        regions = list(Region.objects.filter(slug__in=[slug for slug, _ in REGIONS]).order_by("slug"))
        academies = [
            Academy.objects.get_or_create(
                slug=f"{SLUG}-academy-{region.slug}",
                defaults={
                    "name": f"{PREFIX} leadership academy, {region.name}",
                    "kind": Academy.Kind.LOCAL_DELIVERY_PARTNER,
                    "region": region,
                    "summary": "A made-up academy for measuring the reports at national scale.",
                    "is_demo": True,
                },
            )[0]
            for region in regions
        ]
        existing = Programme.objects.filter(slug__startswith=f"{SLUG}-programme-")
        if self._check("programmes", existing.count(), self.shape.programmes, "--programmes"):
            Programme.objects.bulk_create(
                Programme(
                    title=f"{PREFIX} programme {number:03d}",
                    slug=f"{SLUG}-programme-{number:03d}",
                    provider=academies[number % len(academies)],
                    summary="A made-up programme for measuring the reports at national scale.",
                    open_to_all_professions=True,
                    access=Programme.Access.OPEN_ACCESS
                    if number % OPEN_ACCESS_EVERY == 0
                    else Programme.Access.BY_APPLICATION,
                    format=Programme.Format.BLENDED,
                    duration_months=6,
                    is_demo=True,
                )
                for number in range(1, self.shape.programmes + 1)
            )
        return list(existing.order_by("slug"))

    def _cohorts(self, programmes) -> dict[int, list[CohortPlan]]:
        """Cohorts of each by-application programme, more for popular ones, spread over the three years."""
        by_application = [p for p in programmes if p.access == Programme.Access.BY_APPLICATION]
        existing = Cohort.objects.filter(programme__in=by_application, is_demo=True, name__startswith=PREFIX)
        if self._check("cohorts", existing.count(), self.shape.cohorts, "--cohorts"):
            weights = [1 / (rank + 1) ** 0.9 for rank in range(len(by_application))]
            spare = self.shape.cohorts - len(by_application)
            counts = [1 + int(spare * weight / sum(weights)) for weight in weights]
            counts[0] += self.shape.cohorts - sum(counts)
            first = self.today - timedelta(days=365 * YEARS - 76)
            span = 365 * YEARS + 60
            regions = list(Region.objects.filter(slug__in=[slug for slug, _ in REGIONS]).order_by("slug"))
            new = []
            for programme, count in zip(by_application, counts, strict=True):
                for index in range(count):
                    starts = first + timedelta(days=int(span * (index + 0.5) / count))
                    new.append(
                        Cohort(
                            programme=programme,
                            academy_id=programme.provider_id,
                            name=f"{PREFIX} cohort {index + 1:03d}",
                            starts_on=starts,
                            ends_on=starts + timedelta(days=180),
                            region=regions[index % len(regions)],
                            capacity=30,
                            applications_open_at=self._at(starts - timedelta(days=75)),
                            applications_close_at=self._at(starts - timedelta(days=21)),
                            is_demo=True,
                        )
                    )
            Cohort.objects.bulk_create(new, batch_size=self.shape.batch_size)
        plans = {}
        fields = ("programme_id", "pk", "applications_open_at", "applications_close_at", "starts_on", "ends_on")
        rows = existing.order_by("programme_id", "starts_on").values_list(*fields, "offer_days")
        for programme_id, *plan in rows:
            cohort = CohortPlan(*plan)
            if cohort.opens <= self.now:  # nobody can have applied to a cohort whose window has not opened
                plans.setdefault(programme_id, []).append(cohort)
        return plans

    @staticmethod
    def _at(day: date) -> datetime:
        return timezone.make_aware(datetime.combine(day, time(9)))

    # ----------------------------------------------------------------------------------------------------------
    # People

    def _staff_emails(self):
        return User.objects.filter(email__startswith=EMAIL_START, email__endswith=EMAIL_END, is_demo=True)

    def _staff(self, organisations, professions) -> int:
        existing = self._staff_emails().count()
        if not self._check("staff", existing, self.shape.staff, "--staff"):
            return 0
        password = make_password(None)  # unusable: these people never sign in
        profession_weights = weighted((p.pk, PROFESSION_WEIGHTS.get(p.slug, 3)) for p in professions)
        system_weights = weighted((index, 2 + index * 5 % 7) for index in range(len(organisations)))
        organisation_weights = weighted((index, 1 / (index + 1)) for index in range(ORGANISATIONS_PER_SYSTEM))
        grades, ethnicities = weighted(GRADE_WEIGHTS), weighted(ETHNICITY_WEIGHTS)
        sexes, disabilities, ages = weighted(SEX_WEIGHTS), weighted(DISABILITY_WEIGHTS), weighted(AGE_WEIGHTS)
        done = self.progress("Staff", self.shape.staff)
        for first in range(0, self.shape.staff, self.shape.batch_size):
            numbers = range(first, min(first + self.shape.batch_size, self.shape.staff))
            with transaction.atomic():
                users = User.objects.bulk_create(
                    User(email=EMAIL.format(n), full_name=f"Demo scale staff {n:06d}", password=password, is_demo=True)
                    for n in numbers
                )
                profiles, answers = [], []
                for n, user in zip(numbers, users, strict=True):
                    rng = rng_for(n)
                    organisation = organisations[pick(rng, system_weights)][pick(rng, organisation_weights)]
                    profiles.append(
                        StaffProfile(
                            user=user,
                            organisation_id=None if rng.random() < 0.01 else organisation,
                            profession_id=pick(rng, profession_weights),
                            grade=pick(rng, grades),
                        )
                    )
                    if rng.random() < 0.85:
                        answers.append(
                            EqualityProfile(
                                user=user,
                                ethnicity=pick(rng, ethnicities) if rng.random() < 0.97 else "",
                                sex=pick(rng, sexes),
                                disability=pick(rng, disabilities),
                                age_band=pick(rng, ages),
                            )
                        )
                StaffProfile.objects.bulk_create(profiles)
                EqualityProfile.objects.bulk_create(answers)
            done(numbers.stop)
        return self.shape.staff

    def _staff_rows(self) -> list[tuple]:
        """(user id, organisation id, profession id, grade) of staff member n at index n."""
        return list(
            StaffProfile.objects.filter(user__in=self._staff_emails())
            .order_by("user__email")
            .values_list("user_id", "organisation_id", "profession_id", "grade")
        )

    # ----------------------------------------------------------------------------------------------------------
    # Applications and enrolments: the n-th is always the same, so a later run can add to an earlier one.

    def _existing(self, model, person: str) -> int:
        return model.objects.filter(**{f"{person}__in": self._staff_emails()}).count()

    def _applications(self, staff, programmes, cohorts) -> int:
        existing = self._existing(Application, "applicant")
        wanted = self.shape.applications
        if existing > wanted:
            raise ScaleError(f"This database already has {existing:,} scale applications, more than {wanted:,}.")
        with_cohorts = [p.pk for p in programmes if p.pk in cohorts]
        popularity = weighted((pk, 1 / (rank + 1) ** 0.9) for rank, pk in enumerate(with_cohorts))
        outcomes = {stage: weighted(weights) for stage, weights in OUTCOMES.items()}
        done = self.progress("Applications", wanted)
        done(existing)
        for first in range(existing, wanted, self.shape.batch_size):
            numbers = range(first, min(first + self.shape.batch_size, wanted))
            plans = [self._application(n, staff, popularity, outcomes, cohorts) for n in numbers]
            with transaction.atomic():
                created = Application.objects.bulk_create(application for application, _ in plans)
                for application, (_, events) in zip(created, plans, strict=True):
                    for event in events:
                        event.application = application
                ApplicationEvent.objects.bulk_create(event for _, events in plans for event in events)
            done(numbers.stop)
        return wanted - existing

    def _application(self, n, staff, popularity, outcomes, cohorts) -> tuple[Application, list[ApplicationEvent]]:
        """Application n: applicant n mod staff, their (n div staff)-th distinct programme, a cohort of it, and the
        history that leads to the status its cohort's stage makes likely."""
        person, round_ = n % len(staff), n // len(staff)
        choosing = rng_for(person * 1_000_003 + 7)
        chosen = []
        while len(chosen) <= round_:
            programme = pick(choosing, popularity)
            if programme not in chosen:
                chosen.append(programme)
        rng = rng_for(n * 7_919 + 13)
        cohort = rng.choice(cohorts[chosen[-1]])
        applied = cohort.opens + (min(cohort.closes, self.now) - cohort.opens) * rng.random()
        path = history(pick(rng, outcomes[self._stage(cohort)]))
        user_id, organisation_id, profession_id, grade = staff[person]
        application = Application(
            applicant_id=user_id,
            programme_id=chosen[-1],
            cohort_id=cohort.pk,
            organisation_id=None if rng.random() < NO_SNAPSHOT_ORGANISATION else organisation_id,
            profession_id=profession_id,
            grade=grade,
            supporting_statement="Made up for measuring the reports.",
        )
        return with_history(application, path, move_times(path, cohort, applied, self.now, rng), cohort.offer_days)

    def _stage(self, cohort: CohortPlan) -> str:
        if cohort.closes > self.now:
            return "open"
        if cohort.starts > self.today:
            return "decided"
        return "running" if cohort.ends > self.today else "ended"

    def _enrolments(self, staff, programmes) -> int:
        open_access = [p.pk for p in programmes if p.access == Programme.Access.OPEN_ACCESS]
        existing = self._existing(Enrolment, "learner")
        wanted = min(self.shape.enrolments, len(staff) * len(open_access))
        if existing >= wanted or not open_access:
            return 0
        done = self.progress("Open-access enrolments", wanted)
        done(existing)
        for first in range(existing, wanted, self.shape.batch_size):
            numbers = range(first, min(first + self.shape.batch_size, wanted))
            rows = []
            for n in numbers:
                person, round_ = n % len(staff), n // len(staff)
                rng = rng_for(n * 104_729 + 5)
                enrolled = self.start + (self.now - self.start) * rng.random()
                completed = rng.random() < 0.45
                rows.append(
                    Enrolment(
                        learner_id=staff[person][0],
                        programme_id=open_access[(person * 7 + round_) % len(open_access)],
                        enrolled_at=enrolled,
                        status=Enrolment.Status.COMPLETED if completed else Enrolment.Status.IN_PROGRESS,
                        completed_at=min(enrolled + timedelta(days=60), self.now) if completed else None,
                    )
                )
            Enrolment.objects.bulk_create(rows)
            done(numbers.stop)
        return wanted - existing

    def _fit_capacity(self) -> None:
        """Raise each scale cohort's capacity to the places it holds, so no cohort is over capacity."""
        Cohort.objects.filter(is_demo=True, name__startswith=PREFIX).update(
            capacity=Greatest(F("capacity"), places_held_by_cohort())
        )


def busiest_system() -> IntegratedCareSystem:
    """The scale data set's system with the most applications, by the reports' last refresh."""
    busiest = (
        MonthlyFigure.objects.filter(dimension=Dimension.TOTAL, ics__slug__startswith=SLUG)
        .values("ics")
        .annotate(total=Sum("applications"))
        .order_by("-total")
        .values_list("ics", flat=True)
        .first()
    )
    return IntegratedCareSystem.objects.get(pk=busiest)


def benchmark_ics_lead() -> tuple[User, IntegratedCareSystem]:
    """The demo ICS lead the benchmarks sign in as, leading the busiest system and only it (which system that is
    may change as the data set grows)."""
    ics = busiest_system()
    lead, _ = User.objects.get_or_create(
        email=BENCHMARK_LEAD_EMAIL, defaults={"full_name": "Benchmark ICS lead", "is_demo": True}
    )
    IcsLead.objects.filter(user=lead).exclude(ics=ics).delete()
    IcsLead.objects.get_or_create(user=lead, ics=ics)
    return lead, ics


def benchmark_academy_admin() -> tuple[User, Cohort]:
    """The demo academy admin the benchmark signs in as, of the academy that runs the cohort with the most
    applications (the cohort is returned too: its workspace is the busiest an admin opens)."""
    cohort = (
        Cohort.objects.filter(name__startswith=PREFIX)
        .annotate(applied=Count("applications"))
        .order_by("-applied", "pk")
        .select_related("academy")
        .first()
    )
    admin, _ = User.objects.get_or_create(
        email=BENCHMARK_ADMIN_EMAIL, defaults={"full_name": "Benchmark academy admin", "is_demo": True}
    )
    AcademyAdmin.objects.filter(user=admin).exclude(academy=cohort.academy).delete()
    AcademyAdmin.objects.get_or_create(user=admin, academy=cohort.academy)
    return admin, cohort
