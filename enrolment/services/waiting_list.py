"""The waiting list moves by itself: each free place is offered to the head of the list."""

from django.db import transaction

from enrolment.models import Application, Cohort

from .allocations import charged_allocation, pool_room
from .decisions import offer_place
from .funding import funded_for
from .locking import cohort_lock

WAITING_LIST_LABEL = "Waiting list"


@transaction.atomic
def waiting_list_promote(*, cohort_id: int) -> list[int]:
    """Offers each free place to the next on the list whose place it can be (a place of an allocation to one
    nominated for it, of the open pool to anyone else) and whose funding is settled (funded_for), until the cohort's
    last day to join.

    It picks only entries still waiting, under the cohort lock, so running it twice, or at once with another
    run, offers each free place once.
    """
    cohort = cohort_lock(cohort_id=cohort_id)
    if cohort.status == Cohort.Status.CANCELLED or not cohort.is_joinable():
        return []
    rooms = {}
    offered = []
    for application in funded_for(Application.objects.waitlisted_in(cohort), cohort).select_for_update():
        allocation = charged_allocation(application, cohort)
        if allocation not in rooms:
            rooms[allocation] = pool_room(cohort, allocation)
        if rooms[allocation] > 0:
            rooms[allocation] -= 1
            offer_place(application, cohort, actor_label=WAITING_LIST_LABEL)
            offered.append(application.pk)
    return offered
