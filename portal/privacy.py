"""A person's rights over their data (UK GDPR): a copy of everything the portal holds about them, erasure, and the
retention limits. Each service is one transaction and records itself in the audit log.

What the portal holds lives in each app: every app that stores personal data registers what it holds, how to
export and erase it, with portal.personal_data_registry, and these services iterate the registry.

Erasure anonymises rather than deletes: the user row stays as an inactive placeholder and records keep what the
reports count, so every count is the same before and after. What goes is what identifies or was written by or
about the person: name, e-mail address, contact details and free text.
"""

from django.db import transaction
from django.utils import timezone

from .audit import audit_record
from .models import AuditEntry, User
from .personal_data_registry import ERASED_NAME, erased_email, personal_data_registered


class ErasureRefused(Exception):
    """Something is still in progress; `problems` says what the person should finish or withdraw first."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


@transaction.atomic
def personal_data_export(*, user: User) -> dict:
    """Everything the portal holds about the person, as JSON-ready data; the download is audited. Each app gives
    its own sections; a section more than one app adds to (the account) is merged."""
    audit_record(action=AuditEntry.Action.PERSONAL_DATA_DOWNLOADED, actor=user, target=user)
    data = {"exported_at": timezone.now()}
    for entry in personal_data_registered():
        for section, value in entry.export(user).items():
            if isinstance(data.get(section), dict) and isinstance(value, dict):
                data[section] = {**data[section], **value}
            else:
                data[section] = value
    return data


def erasure_problems(user: User) -> list[str]:
    """What must be finished first: a place or a relationship in progress involves an academy or a colleague."""
    return [problem for entry in personal_data_registered() for problem in entry.problems(user)]


@transaction.atomic
def personal_data_erase(*, user: User) -> User:
    """Anonymises the person everywhere and leaves an inactive placeholder that can never sign in again."""
    user = User.objects.select_for_update().get(pk=user.pk)
    problems = erasure_problems(user)
    if problems:
        raise ErasureRefused(problems)
    for entry in personal_data_registered():
        entry.erase(user)
    user.email = erased_email(user)
    user.full_name = ERASED_NAME
    user.is_active = user.is_staff = user.is_superuser = user.is_national_admin = False
    user.erased_at = timezone.now()
    user.set_unusable_password()  # also ends every other session: their session hash no longer matches
    user.save()
    user.groups.clear()
    user.user_permissions.clear()
    audit_record(action=AuditEntry.Action.PERSONAL_DATA_ERASED, actor=user, target=user)
    return user


def personal_data_retention_apply() -> int:
    """Runs every app's retention limit (each its own transaction, audited when it changes something); returns
    how many records changed."""
    return sum(entry.retention() for entry in personal_data_registered() if entry.retention is not None)
