"""Sessions for the timetable's tests, dated from the cohort so they never go stale."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from enrolment.models import Cohort, CohortSession


def add_sessions(cohort: Cohort, count: int, *, online_from: int | None = None) -> list[CohortSession]:
    """`count` sessions a week apart from the cohort's start, 09:30 to 16:00 (6.5 hours), at the cohort's venue; those
    from number `online_from` on are held online with a joining link."""
    sessions = []
    for number in range(1, count + 1):
        starts = timezone.make_aware(datetime.combine(cohort.starts_on + timedelta(weeks=number - 1), time(9, 30)))
        online = online_from is not None and number >= online_from
        sessions.append(
            CohortSession(
                cohort=cohort,
                title=f"Workshop {number}",
                starts_at=starts,
                ends_at=starts + timedelta(hours=6, minutes=30),
                venue="" if online else "Salford Education Centre",
                is_online=online,
                joining_url=f"https://meet.example.nhs.test/workshop-{number}" if online else "",
            )
        )
    return CohortSession.objects.bulk_create(sessions)
