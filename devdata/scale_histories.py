"""The scale data set's applications, each with the history of moves that leads to its status.

Which moves lead to a status comes from the model's table of transitions (Application.TRANSITIONS), and what each
move records from the statuses module (statuses.MOVE_STAMPS), the table Application.moved stamps the services'
moves by. This module says only when each move happened; the applications it builds are saved in bulk.
"""

import random
from collections import deque
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import cache

from enrolment.models import Application, ApplicationEvent
from enrolment.statuses import MOVE_STAMPS, OPEN, Status

# Scale cohorts ask for no line manager's support, so a submitted application goes to review, unless only a line
# manager's answer leads to its status.
SUBMITTED_TO = Status.UNDER_REVIEW
ACTOR_LABEL = "Demo: Scale data set"
# The academy decides 1 to 14 days after the window closes (at once while it is open); later moves take 0 to 5 days.
FIRST_DECISION_DAYS = (1, 14)
LATER_MOVE_DAYS = (0, 5)


@dataclass(frozen=True)
class CohortPlan:
    pk: int
    opens: datetime
    closes: datetime
    starts: date
    ends: date
    offer_days: int


def submissions() -> list[str]:
    """The statuses a draft goes to when submitted (the open ones the table lets it become), SUBMITTED_TO first."""
    return sorted((s for s in Application.TRANSITIONS[Status.DRAFT] if s in OPEN), key=lambda s: s != SUBMITTED_TO)


@cache
def history(status: str) -> tuple[str, ...]:
    """The statuses an application passes through to `status`, draft first: the shortest way along
    Application.TRANSITIONS that starts with a submission. A status no submitted application reaches is a ValueError.
    """
    for submitted in submissions():
        path = _shortest(submitted, status)
        if path:
            return (Status.DRAFT, *path)
    raise ValueError(f"No submitted application can become {status}: see Application.TRANSITIONS.")


def _shortest(start: str, goal: str) -> list[str] | None:
    paths = {start: [start]}
    queue = deque([start])
    while queue:
        status = queue.popleft()
        if status == goal:
            return paths[status]
        for following in sorted(Application.TRANSITIONS.get(status, ())):  # sorted: the same path on every run
            if following not in paths:
                paths[following] = [*paths[status], following]
                queue.append(following)
    return None


def move_times(path: tuple[str, ...], cohort: CohortPlan, applied: datetime, now: datetime, rng: random.Random):
    """When each move along `path` happened, none after `now`: the submission at `applied`, then the decisions.
    An application still open moved last within LATER_MOVE_DAYS of now, so an offer it holds has not expired."""
    times = [applied]
    decided = cohort.closes if cohort.closes < now else applied
    for index in range(2, len(path)):
        after, days = (decided, FIRST_DECISION_DAYS) if index == 2 else (times[-1], LATER_MOVE_DAYS)
        times.append(min(max(after, times[-1]) + timedelta(days=rng.uniform(*days)), now))
    if len(path) > 2 and path[-1] in OPEN:
        times[-1] = max(times[-2], now - timedelta(days=rng.uniform(*LATER_MOVE_DAYS)))
    return times


def with_history(application: Application, path: tuple[str, ...], times: list[datetime], offer_days: int):
    """The application moved along `path` at `times`, stamped as each move stamps it; returns it and its events."""
    application.status = path[-1]
    moves = list(zip(path[:-1], path[1:], times, strict=True))
    for before, after, at in moves:
        for field in MOVE_STAMPS.get((before, after), ()):
            setattr(application, field, at)
    if application.offered_at:  # the deadline an offer of the cohort is given (enrolment.services.decisions)
        application.offer_expires_at = application.offered_at + timedelta(days=offer_days)
    events = [
        ApplicationEvent(actor_label=ACTOR_LABEL, from_status=before, to_status=after, created_at=at)
        for before, after, at in moves
    ]
    return application, events
