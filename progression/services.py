"""Follow-ups are asked, answered and changed only here; the pages ask the same functions."""

import uuid

from dateutil.relativedelta import relativedelta
from django.db import IntegrityError, transaction
from django.utils import timezone

from enrolment.models import Application
from portal.locking import lock_row

from . import tasks
from .links import USED, FollowUpLinkInvalid, follow_up_for_link
from .models import FollowUp, FollowUpError
from .permissions import follow_ups_of

# A point is asked from its month after completion until this many months later, and not after: someone who
# completed 13 months ago is asked at 12 months only, never also at 6.
ASKING_MONTHS = 3
CLOSED = "The time to change these answers has passed."


def completions_due(point: int, now) -> list[tuple[int, object]]:
    """(application id, completion time) of the completions `point` months ago, within the asking window, not yet
    asked at that point; only people whose account is active (an erased person is never asked)."""
    latest = now - relativedelta(months=point)
    earliest = now - relativedelta(months=point + ASKING_MONTHS)
    return list(
        Application.objects.filter(
            status=Application.Status.COMPLETED,
            applicant__is_active=True,
            certificate__issued_at__gt=earliest,
            certificate__issued_at__lte=latest,
        )
        .exclude(follow_ups__point=point)
        .values_list("pk", "certificate__issued_at")
    )


def _ask(application_id: int, point: int, completed_at) -> FollowUp | None:
    """Makes the follow-up, or None when another run already has: the unique constraint decides, and a second
    worker's insert waits for the first's to commit, then finds it there."""
    try:
        with transaction.atomic():
            return FollowUp.objects.create(application_id=application_id, point=point, completed_at=completed_at)
    except IntegrityError:
        return None


def follow_ups_ask_due(*, now=None) -> int:
    """Asks every follow-up now due, once per completion and point, and e-mails each once it commits; returns how
    many it asked. Safe to run again and on two workers at once."""
    now = now or timezone.now()
    asked = 0
    with transaction.atomic():
        for point in FollowUp.Point.values:
            for application_id, completed_at in completions_due(point, now):
                follow_up = _ask(application_id, point, completed_at)
                if follow_up is not None:
                    tasks.send_follow_up_email.enqueue_on_commit(follow_up.pk)
                    asked += 1
    return asked


def _record(follow_up: FollowUp, *, role_changed: bool, band: str, new_responsibilities: bool) -> FollowUp:
    follow_up.role_changed, follow_up.band, follow_up.new_responsibilities = role_changed, band, new_responsibilities
    follow_up.answered_at = timezone.now()
    follow_up.full_clean()
    follow_up.save()
    return follow_up


@transaction.atomic
def follow_up_answer(*, token: str, role_changed: bool, band: str, new_responsibilities: bool) -> FollowUp:
    """Records the answers sent through the e-mailed link, once: the link is then used up."""
    follow_up = follow_up_for_link(token, FollowUp.objects.all())
    nonce = follow_up.link_nonce
    follow_up = lock_row(FollowUp.objects, pk=follow_up.pk)
    if follow_up.link_nonce != nonce:
        raise FollowUpLinkInvalid(USED)
    follow_up.link_nonce = uuid.uuid4()
    return _record(follow_up, role_changed=role_changed, band=band, new_responsibilities=new_responsibilities)


@transaction.atomic
def follow_up_change(
    *, person, follow_up_id: int, role_changed: bool, band: str, new_responsibilities: bool
) -> FollowUp:
    """The person changes their own answers in their account, while the follow-up's link would still work."""
    follow_up = lock_row(follow_ups_of(person), pk=follow_up_id)
    if follow_up is None:
        raise FollowUpError("There is no such follow-up.")
    if not follow_up.is_open:
        raise FollowUpError(CLOSED)
    return _record(follow_up, role_changed=role_changed, band=band, new_responsibilities=new_responsibilities)
