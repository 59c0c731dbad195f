"""The audit log's one writer. Services call it inside their own transaction, not from signals, so that an entry
is written if and only if the change it records commits, and says who asked for it."""

from django.db import models

from .models import AuditEntry


def audit_record(
    *, action: str, actor=None, actor_label: str = "", target: models.Model | None = None, summary: str = ""
) -> AuditEntry:
    """Records one action. `summary` names ids, kinds and counts, never a person's free text."""
    return AuditEntry.objects.create(
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_label=actor_label,
        action=action,
        object_type=target._meta.label_lower if target is not None else "",
        object_id=str(target.pk) if target is not None else "",
        summary=summary[:300],
    )
