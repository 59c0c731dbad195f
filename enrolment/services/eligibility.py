"""Who may apply to a programme, and when: the one answer the programme page's button and the services share.

application_start asks it before making a draft, application_submit asks it again of what the applicant
declares, and enrolment.selectors.programme_action shows its reason instead of the button.
"""

from dataclasses import dataclass

from django.utils import formats, timezone

from enrolment.models import Cohort
from portal.models import Profession
from programmes.models import Programme


@dataclass(frozen=True)
class Refusal:
    """Why no application can be made now: `state` names the case for the page, `message` is for the person.
    `is_demo` is true when only demo cohorts give the message."""

    state: str
    message: str
    is_demo: bool = False


def profession_refusal(programme: Programme, profession: Profession | None) -> str:
    """Why someone of `profession` cannot apply, or "" when they can (or when the profession is not known)."""
    if programme.open_to_all_professions or profession is None:
        return ""
    professions = list(programme.professions.all())
    if not professions or profession in professions:
        return ""
    names = ", ".join(p.name.lower() for p in professions)
    return (
        f"This programme is for {names}, and you are a {profession.name.lower()}, so you cannot apply. "
        "If your profession is wrong, correct it in your profile."
    )


def application_refusal(
    *, programme: Programme, profession: Profession | None, cohorts: list[Cohort], now
) -> Refusal | None:
    """Why an application to `programme` cannot be made at `now`, or None when it can.

    `cohorts` are the programme's cohorts still to come (any others cannot take an application anyway). A
    programme that is not open access is joined by application to a cohort an academy runs on the portal.
    """
    if programme.is_open_access:
        return Refusal("open_access", "This programme takes no applications: enrol on it at once instead.")
    reason = profession_refusal(programme, profession)
    if reason:
        return Refusal("not_eligible", reason)
    if any(cohort.is_open_for_applications(now) for cohort in cohorts):
        return None
    return no_open_cohort(cohorts, now)


def no_open_cohort(cohorts: list[Cohort], now) -> Refusal:
    """What the page says when none of `cohorts` is open for applications at `now`."""
    live = [cohort for cohort in cohorts if cohort.status != Cohort.Status.CANCELLED]
    opening = sorted(
        (c for c in live if c.applications_open_at > now and c.applications_open_at < c.joining_ends_at),
        key=lambda c: c.applications_open_at,
    )
    if opening:
        first = [c for c in opening if c.applications_open_at == opening[0].applications_open_at]
        when = formats.date_format(timezone.localtime(opening[0].applications_open_at), "j F Y")
        return Refusal("opens_later", f"Applications are closed. They open on {when}.", all_demo(first))
    if not live:
        return Refusal("no_cohort", "No academy runs a cohort of this programme on the portal yet.")
    return Refusal("closed", "No cohort is open for applications at the moment.", all_demo(live))


def all_demo(cohorts: list[Cohort]) -> bool:
    return bool(cohorts) and all(cohort.is_demo for cohort in cohorts)
