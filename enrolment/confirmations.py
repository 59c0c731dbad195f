"""What the applicant reads around an irreversible step: before it, what will happen ("are you sure"), and after
each answer (submitted, accepted, declined, withdrawn), a panel with what happens next and its dates."""

from dataclasses import dataclass, field

from django.utils import timezone

from portal.presentation import day_text, moment_text

from .models import Application, Cohort
from .selectors import open_cohorts
from .statuses import Status


@dataclass(frozen=True)
class Confirmation:
    """The panel's title and text, then what happens next, one paragraph each."""

    title: str
    body: str
    next_steps: list[str] = field(default_factory=list)


def _cohort_dates(cohort: Cohort) -> list[str]:
    return [
        f"Applications to {cohort.name} close on {moment_text(cohort.applications_close_at)}.",
        f"The academy, {cohort.academy.name}, decides on your application and can offer places until "
        f"{day_text(cohort.last_joining_day)}. We will e-mail you when it decides.",
        f"The cohort starts on {day_text(cohort.starts_on)}.",
    ]


def _region_dates(application: Application, now) -> list[str]:
    cohorts = open_cohorts(application.programme, now).filter(region=application.region).order_by("starts_on")
    first = cohorts.first()
    steps = [f"The academy will choose a cohort in {application.region.name} for you and e-mail you when it decides."]
    if first:
        steps.append(f"The first of those cohorts starts on {day_text(first.starts_on)}.")
    return steps


def _submitted(application: Application, now) -> Confirmation:
    steps = []
    if application.status == Status.AWAITING_MANAGER:
        steps.append(
            f"We have e-mailed your line manager ({application.line_manager_email}) to ask them to support your "
            "application. When they do, it goes to the academy."
        )
    steps += _cohort_dates(application.cohort) if application.cohort else _region_dates(application, now)
    return Confirmation("Application submitted", f"Your application to {application.programme.title}", steps)


def _accepted(application: Application, now) -> Confirmation:
    cohort = application.cohort
    return Confirmation(
        "Place accepted",
        f"{cohort.name}, {cohort.academy.name}",
        [
            f"Your place is confirmed. The cohort starts on {day_text(cohort.starts_on)} and ends on "
            f"{day_text(cohort.ends_on)}, {cohort.where}.",
            "We have sent you an e-mail to confirm it. Your sessions are below, and in My learning.",
        ],
    )


def _apply_again(application: Application, now) -> str:
    """When the applicant could apply to the programme again: a cohort open now, or the next to open."""
    programme = application.programme
    open_now = open_cohorts(programme, now).order_by("applications_close_at").first()
    if open_now:
        return (
            f"You can apply to {programme.title} again: applications to {open_now.name} are open until "
            f"{moment_text(open_now.applications_close_at)}."
        )
    later = (
        programme.cohorts.filter(applications_open_at__gt=now)
        .exclude(status=Cohort.Status.CANCELLED)
        .order_by("applications_open_at")
        .first()
    )
    if later:
        opens = moment_text(later.applications_open_at)
        return f"You can apply to {programme.title} again when applications to {later.name} open on {opens}."
    return f"No cohort of {programme.title} is open for applications now. Its page shows when one opens."


def _declined(application: Application, now) -> Confirmation:
    return Confirmation(
        "Offer declined",
        f"{application.cohort.name}, {application.programme.title}",
        ["The place goes to the next person on the waiting list.", _apply_again(application, now)],
    )


def _withdrawn(application: Application, now) -> Confirmation:
    if application.submitted_at is None:
        body = f"Your draft application to {application.programme.title}"
        return Confirmation("Draft deleted", body, [_apply_again(application, now)])
    return Confirmation(
        "Application withdrawn",
        f"Your application to {application.programme.title}",
        [
            "The academy will not decide on it. Any place offered or held for you goes to the next person on the "
            "waiting list.",
            _apply_again(application, now),
        ],
    )


CONFIRMATIONS = {
    Status.AWAITING_MANAGER: _submitted,
    Status.UNDER_REVIEW: _submitted,
    Status.ACCEPTED: _accepted,
    Status.DECLINED: _declined,
    Status.WITHDRAWN: _withdrawn,
}


def confirmation_for(application: Application, now=None) -> Confirmation | None:
    """The confirmation of the answer that brought the application to its status; None for a status no answer of
    the applicant's leads to."""
    built = CONFIRMATIONS.get(application.status)
    return built(application, now or timezone.now()) if built else None


@dataclass(frozen=True)
class AreYouSure:
    """The page before an irreversible answer: its title, what will happen, and the button that does it."""

    title: str
    consequences: list[str]
    button: str


def before_withdrawing(application: Application) -> AreYouSure | None:
    """What withdrawing (deleting, for a draft) will do; None when the application can no longer be withdrawn."""
    if not application.can_withdraw:
        return None
    if application.is_draft:
        return AreYouSure(
            "Are you sure you want to delete your draft?",
            ["Your answers will be deleted. You cannot undo this, but you can start a new application."],
            "Delete draft",
        )
    return AreYouSure(
        "Are you sure you want to withdraw your application?",
        [
            f"The academy will not decide on your application to {application.programme.title}.",
            "Any place offered or held for you goes to the next person on the waiting list.",
            "You cannot undo this. To join later you would need to apply again.",
        ],
        "Withdraw application",
    )


def before_declining(application: Application) -> AreYouSure | None:
    """What declining will do; None when there is no offer to decline."""
    if not application.awaits_answer_to_offer:
        return None
    cohort = application.cohort
    return AreYouSure(
        "Are you sure you want to decline the offer?",
        [
            f"Your place on {cohort.name} ({cohort.academy.name}), starting {day_text(cohort.starts_on)}, goes to "
            "the next person on the waiting list.",
            "You cannot undo this. To join later you would need to apply again.",
        ],
        "Decline the offer",
    )
