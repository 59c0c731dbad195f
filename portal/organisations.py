"""Writes about where people work: a person picks their organisation, or names one that is not listed; a national
admin maps a name people gave to an organisation. Each is one transaction; the mapping is audited."""

from django.core.exceptions import ValidationError
from django.db import transaction

from .audit import audit_record
from .locking import lock_row
from .models import AuditEntry, Organisation, StaffProfile, User
from .rules import RuleError
from .validators import collapse_spaces


class OrganisationChoiceError(RuleError):
    """The organisation cannot be chosen or mapped as asked; nothing was changed."""


def organisation_choice_problem(*, person: User, organisation: Organisation, current_id: int | None) -> str:
    """Why `person` may not say they work for `organisation`, or "". A closed organisation they already had stays."""
    if organisation.is_closed and organisation.pk != current_id:
        return "This organisation has closed: choose the one you work for now."
    if organisation.is_demo and not person.is_demo:
        return "This is a demo organisation: choose the one you work for."
    return ""


def _own_profile(user: User) -> StaffProfile:
    profile, _ = StaffProfile.objects.select_for_update().get_or_create(user=user)
    return profile


@transaction.atomic
def staff_profile_organisation_choose(*, user: User, organisation: Organisation) -> StaffProfile:
    """`user` works for `organisation`: any name they gave for an unlisted one goes (StaffProfile.clean)."""
    profile = _own_profile(user)
    current = lock_row(Organisation.objects, pk=organisation.pk)
    if current is None:
        raise OrganisationChoiceError("This organisation is no longer listed: search again.")
    problem = organisation_choice_problem(person=user, organisation=current, current_id=profile.organisation_id)
    if problem:
        raise OrganisationChoiceError(problem)
    profile.organisation = current
    profile.full_clean()
    profile.save()
    return profile


@transaction.atomic
def staff_profile_organisation_unlisted(*, user: User, name: str) -> StaffProfile:
    """`user` works for an organisation the portal does not list, called `name`, until a national admin maps it."""
    profile = _own_profile(user)
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"unlisted_organisation_name": "Enter the name of your organisation"})
    profile.organisation, profile.unlisted_organisation_name = None, name
    profile.full_clean()
    profile.save()
    return profile


def _mapping_problem(*, organisation: Organisation | None, profiles: list[StaffProfile]) -> str:
    if organisation is None:
        return "This organisation is no longer listed: search again."
    if not profiles:
        return "Nobody has this unlisted organisation now: it may have been mapped already."
    if organisation.is_closed:
        return "This organisation has closed: map the name to an open one."
    if organisation.is_demo and any(not profile.user.is_demo for profile in profiles):
        return "This is a demo organisation: real people cannot be mapped to it."
    return ""


@transaction.atomic
def unlisted_organisation_map(*, name: str, organisation: Organisation, by: User) -> int:
    """Everyone who named their organisation `name` (ignoring capitals) now works for `organisation`, and the name
    goes. Only a national admin maps; returns how many people were mapped. The audit entry counts them and names
    the organisation, never the name people typed (their own words)."""
    if not (by.is_active and by.is_national_admin):
        raise OrganisationChoiceError("Only a national admin can map unlisted organisations.")
    current = lock_row(Organisation.objects, pk=organisation.pk)
    profiles = list(
        StaffProfile.objects.select_for_update(of=("self",))
        .select_related("user")
        .filter(unlisted_organisation_name__iexact=collapse_spaces(name))
        .exclude(unlisted_organisation_name="")
    )
    problem = _mapping_problem(organisation=current, profiles=profiles)
    if problem:
        raise OrganisationChoiceError(problem)
    mapped = StaffProfile.objects.filter(pk__in=[profile.pk for profile in profiles]).update(
        organisation=current, unlisted_organisation_name=""
    )
    audit_record(
        action=AuditEntry.Action.UNLISTED_ORGANISATION_MAPPED,
        actor=by,
        target=current,
        summary=f"{mapped} staff profile{'' if mapped == 1 else 's'} mapped to organisation {current.pk}",
    )
    return mapped
