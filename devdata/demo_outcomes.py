"""Demo outcomes: what happens once people have taken their places, for the pages of issue 20.

Six demo participants took places on a North West demo cohort of the Mary Seacole Programme that has since ended,
and completed it. Each was asked, 6 months on, how their role has changed (five have answered), each gave feedback
on the cohort (enough answers for the academy to see results), each rated themselves on the Healthcare Leadership
Model before the cohort and again now, and three recorded improvement projects: one approved and shown on the
showcase, one waiting for the academy's review, one returned for changes. The first of them has gone on to a
running demo cohort of the Elizabeth Garrett Anderson Programme, with a draft project on it.

Everything goes through the services people use: applications are made while a cohort is open, then the cohort
and its applications' dates are moved back into the past together, as if it had all happened then. The ended
cohort is aged in two steps, because feedback and the "after" self-assessment are taken only while their windows
are open (evaluation.permissions, selfassessment.aggregates): it first ends JUST_ENDED_DAYS_AGO, when its people
answer; then everything of it moves back to ENDED_DAYS_AGO, when the follow-ups fall due and its self-assessment
change is published. A cohort that already exists is left alone, so a re-run changes nothing.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import F
from django.utils import timezone

from academies.models import Academy
from devdata.demo_activity import demo_apply, demo_user
from devdata.demo_records import demo_feedback_give, demo_follow_up_answer, demo_project_record, demo_self_ratings
from enrolment.models import Application, ApplicationEvent, Certificate, Cohort
from enrolment.services.completion import completion_record
from evaluation.models import FeedbackResponse
from portal.models import Organisation, Profession, StaffProfile, User
from programmes.models import Programme
from progression.models import FollowUp
from progression.services import follow_ups_ask_due
from selfassessment.models import SelfAssessment
from selfassessment.services import cohort_changes_publish

ENDED_PROGRAMME_SLUG = "mary-seacole-programme"
RUNNING_PROGRAMME_SLUG = "elizabeth-garrett-anderson-programme"
ENDED_COHORT_NAME = "Demo cohort, North West (ended)"
RUNNING_COHORT_NAME = "Demo cohort, North West (running)"
# The ended cohort ended this many days ago: its completions are between 6 and 9 months old, so beat's follow-up
# task asks the 6-month question of them now.
ENDED_DAYS_AGO = 200
# ... and, while its participants gave feedback and rated themselves again, it had ended this many days before.
JUST_ENDED_DAYS_AGO = 10
RUNNING_STARTED_DAYS_AGO = 45
DEFAULT_MONTHS = 6
# While its places are taken, a cohort is open: it starts this many days ahead and has taken applications for a day.
OPEN_STARTS_IN_DAYS = 40

PARTICIPANT_EMAIL = "participant@demo.nhs.test"


@dataclass(frozen=True)
class DemoParticipant:
    email: str
    full_name: str
    project: str  # their project on the ended cohort: "" (none), or a key of demo_records.PROJECTS
    answers_follow_up: bool


DEMO_PARTICIPANTS = [
    DemoParticipant(PARTICIPANT_EMAIL, "Demo Participant", "published", True),
    DemoParticipant("participant.two@demo.nhs.test", "Demo Participant Two", "submitted", True),
    DemoParticipant("participant.three@demo.nhs.test", "Demo Participant Three", "returned", True),
    DemoParticipant("participant.four@demo.nhs.test", "Demo Participant Four", "", True),
    DemoParticipant("participant.five@demo.nhs.test", "Demo Participant Five", "", True),
    DemoParticipant("participant.six@demo.nhs.test", "Demo Participant Six", "", False),
]
# Application timestamps moved back with their cohort.
APPLICATION_TIMES = [
    "created_at", "submitted_at", "manager_requested_at", "manager_responded_at", "offered_at", "offer_expires_at",
]  # fmt: skip


def demo_outcomes_seed(
    *, academy: Academy, admin: User, staff: User, organisation: Organisation, profession: Profession, password: str
) -> dict:
    """Returns the labels of what it made, for seed_demo's report."""
    made = {"Demo outcomes": []}
    people = [_participant(person, organisation, profession, password) for person in DEMO_PARTICIPANTS]
    ended = _ended_cohort(academy, admin, people)
    if ended is not None:
        made["Demo outcomes"] += _ended_cohort_outcomes(ended, admin, people)
    if _running_cohort(academy, admin, people[0]):
        made["Demo outcomes"].append(f"{people[0].full_name}: a place on {RUNNING_COHORT_NAME}, a draft project")
    if not staff.self_assessments.exists():
        demo_self_ratings(staff, before=timezone.localdate() - timedelta(days=90))
        made["Demo outcomes"].append(f"{staff.full_name}: two self-assessments, 90 days apart")
    return made


def _participant(person: DemoParticipant, organisation: Organisation, profession: Profession, password: str) -> User:
    user = demo_user(person.email, person.full_name, password)
    StaffProfile.objects.update_or_create(
        user=user,
        defaults={
            "organisation": organisation,
            "profession": profession,
            "grade": StaffProfile.Grade.BAND_6,
            "staff_group": StaffProfile.StaffGroup.NURSING_MIDWIFERY,
            "job_title": "Ward sister (demo)",
        },
    )
    return user


def _ended_cohort(academy: Academy, admin: User, people: list[User]) -> Cohort | None:
    """The ended cohort, its places taken and completed; None when it is there already."""
    today = timezone.localdate()
    programme = Programme.objects.get(slug=ENDED_PROGRAMME_SLUG)
    if Cohort.objects.filter(programme=programme, academy=academy, name=ENDED_COHORT_NAME).exists():
        return None
    months = programme.duration_months or DEFAULT_MONTHS
    ends_on = today - timedelta(days=JUST_ENDED_DAYS_AGO)
    cohort = _cohort_with_places(programme, academy, ENDED_COHORT_NAME, admin, people)
    _move_back(cohort, starts_on=ends_on - timedelta(days=30 * months))
    outcomes = dict.fromkeys(cohort.applications.values_list("pk", flat=True), True)
    completion_record(admin=admin, cohort_id=cohort.pk, outcomes=outcomes, cpd_hours=None)
    completed_at = _evening(cohort.ends_on)
    Certificate.objects.filter(application__cohort=cohort).update(issued_at=completed_at)
    ApplicationEvent.objects.filter(application__cohort=cohort, to_status=Application.Status.COMPLETED).update(
        created_at=completed_at
    )
    return cohort


def _running_cohort(academy: Academy, admin: User, person: User) -> bool:
    """The cohort the first participant went on to, running now, their place on it with a draft project."""
    programme = Programme.objects.get(slug=RUNNING_PROGRAMME_SLUG)
    if Cohort.objects.filter(programme=programme, academy=academy, name=RUNNING_COHORT_NAME).exists():
        return False
    cohort = _cohort_with_places(programme, academy, RUNNING_COHORT_NAME, admin, [person])
    _move_back(cohort, starts_on=timezone.localdate() - timedelta(days=RUNNING_STARTED_DAYS_AGO))
    demo_project_record(cohort.applications.get(), admin, "draft")
    return True


def _ended_cohort_outcomes(cohort: Cohort, admin: User, people: list[User]) -> list[str]:
    """Feedback and self-assessments given while the cohort had just ended; then, the cohort aged, follow-ups asked
    (five answered), its self-assessment change published, and projects recorded."""
    for user in people:
        demo_feedback_give(user, cohort)
        demo_self_ratings(user, before=cohort.starts_on - timedelta(days=14))
    _age(cohort, people, timedelta(days=ENDED_DAYS_AGO - JUST_ENDED_DAYS_AGO))
    follow_ups_ask_due()
    cohort_changes_publish()
    places = {place.applicant_id: place for place in cohort.applications.select_related("applicant")}
    for user, person in zip(people, DEMO_PARTICIPANTS, strict=True):
        place = places[user.pk]
        if person.answers_follow_up:
            demo_follow_up_answer(FollowUp.objects.get(application=place, point=FollowUp.Point.SIX_MONTHS))
        if person.project:
            demo_project_record(place, admin, person.project)
    answered = sum(person.answers_follow_up for person in DEMO_PARTICIPANTS)
    projects = [f"{person.full_name} ({person.project})" for person in DEMO_PARTICIPANTS if person.project]
    return [
        f"{cohort}: {len(people)} participants completed it on {cohort.ends_on.isoformat()}",
        f"{len(people)} asked how their role changed 6 months on, {answered} answered",
        f"{len(people)} gave feedback on it; each rated themselves before it and again now",
        f"Improvement projects: {', '.join(projects)}",
    ]


def _cohort_with_places(programme: Programme, academy: Academy, name: str, admin: User, people: list[User]):
    """A demo cohort open for applications now, each person's place on it applied for, offered and accepted."""
    programme.delivering_academies.add(academy)
    now, starts_on = timezone.now(), timezone.localdate() + timedelta(days=OPEN_STARTS_IN_DAYS)
    months = programme.duration_months or DEFAULT_MONTHS
    cohort = Cohort.objects.create(
        programme=programme,
        academy=academy,
        name=name,
        starts_on=starts_on,
        ends_on=starts_on + timedelta(days=30 * months),
        venue="Demo venue: Riverside Education Centre (not a real place)",
        region=academy.region,
        ics=academy.ics,
        capacity=20,
        applications_open_at=now - timedelta(days=1),
        applications_close_at=now + timedelta(days=OPEN_STARTS_IN_DAYS - 10),
        is_demo=True,
    )
    for person in people:
        demo_apply(person, cohort, admin, "accepted")
    return cohort


def _move_back(cohort: Cohort, *, starts_on: date) -> None:
    """Moves the cohort, and its applications' history with it, so that it starts on `starts_on`."""
    shift = starts_on - cohort.starts_on
    cohort.starts_on += shift
    cohort.ends_on += shift
    cohort.applications_open_at += shift
    cohort.applications_close_at += shift
    cohort.status = cohort.status_on(timezone.now())
    cohort.save()
    Application.objects.filter(cohort=cohort).update(**{name: F(name) + shift for name in APPLICATION_TIMES})
    ApplicationEvent.objects.filter(application__cohort=cohort).update(created_at=F("created_at") + shift)


def _age(cohort: Cohort, people: list[User], by: timedelta) -> None:
    """Moves the ended cohort `by` further into the past, with its completions and what its people answered since
    it had ended (their feedback on it, their self-assessments taken after it started)."""
    after_start = _evening(cohort.starts_on)
    _move_back(cohort, starts_on=cohort.starts_on - by)
    Certificate.objects.filter(application__cohort=cohort).update(issued_at=F("issued_at") - by)
    FeedbackResponse.objects.filter(cohort=cohort).update(submitted_at=F("submitted_at") - by)
    SelfAssessment.objects.filter(person__in=people, taken_at__gt=after_start).update(taken_at=F("taken_at") - by)


def _evening(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(17, 0)))
