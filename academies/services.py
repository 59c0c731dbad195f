"""Writes about academies' roles: national admins grant and revoke academy admin; an academy admin invites a
colleague by e-mail, through a signed link that expires after INVITATION_DAYS and works once.

Every grant, revocation and invitation is in the audit log, and takes effect at the next request (roles are read
afresh on each, see portal.services)."""

from datetime import timedelta

from django.core import signing
from django.db import transaction
from django.utils import timezone

from portal.audit import audit_record
from portal.locking import lock_row
from portal.models import AuditEntry, User
from portal.services import RoleError, national_admin_check, role_grant, role_revoke

from .models import Academy, AcademyAdmin, AcademyInvitation
from .tasks import send_academy_invitation

INVITATION_DAYS = 14
SALT = "academies.invitation"
ALREADY_ADMIN = "This person is already an admin of this academy."


class InvitationInvalid(RoleError):
    """The link was tampered with, has expired, has been used, or is for someone else."""


@transaction.atomic
def academy_admin_grant(*, actor: User, user: User, academy: Academy) -> AcademyAdmin:
    national_admin_check(actor)
    return role_grant(role=AcademyAdmin, actor=actor, user=user, academy=academy, refused=ALREADY_ADMIN)


@transaction.atomic
def academy_admin_revoke(*, actor: User, admin_id: int) -> None:
    national_admin_check(actor)
    role_revoke(role=AcademyAdmin, actor=actor, pk=admin_id)


@transaction.atomic
def academy_invitation_send(*, actor: User, academy: Academy, email: str) -> AcademyInvitation:
    """Invites `email` to co-administer `academy`; the e-mail goes once the invitation commits."""
    if not AcademyAdmin.objects.filter(user=actor, academy=academy).exists():
        raise RoleError("Only this academy's admins can invite someone to run it.")
    email = email.strip().lower()
    if AcademyAdmin.objects.filter(academy=academy, user__email__iexact=email).exists():
        raise RoleError(ALREADY_ADMIN)
    now = timezone.now()
    invitation = AcademyInvitation.objects.create(
        academy=academy, email=email, invited_by=actor, created_at=now, expires_at=now + timedelta(days=INVITATION_DAYS)
    )
    audit_record(
        action=AuditEntry.Action.INVITATION_SENT,
        actor=actor,
        target=invitation,
        summary=f"academy admin of academy {academy.pk}",
    )
    send_academy_invitation.enqueue_on_commit(invitation.pk)
    return invitation


def academy_invitation_token(invitation: AcademyInvitation) -> str:
    return signing.dumps({"invitation": invitation.pk}, salt=SALT)


def academy_invitation_for(*, token: str) -> AcademyInvitation:
    """The invitation a link is for, if the link is genuine, in date and unused."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=timedelta(days=INVITATION_DAYS))
    except signing.SignatureExpired:
        raise InvitationInvalid(EXPIRED) from None
    except signing.BadSignature:
        raise InvitationInvalid("This link is not valid. Check you copied the whole link from the e-mail.") from None
    invitation = AcademyInvitation.objects.select_related("academy").filter(pk=payload.get("invitation")).first()
    return _usable(invitation)


EXPIRED = "This invitation has expired. Ask the academy's admin to invite you again."
USED = "This invitation has already been used."


def _usable(invitation: AcademyInvitation | None) -> AcademyInvitation:
    if invitation is None or invitation.accepted_at is not None:
        raise InvitationInvalid(USED)
    if invitation.expires_at <= timezone.now():
        raise InvitationInvalid(EXPIRED)
    return invitation


@transaction.atomic
def academy_invitation_accept(*, token: str, user: User) -> AcademyAdmin:
    """The signed-in person accepts: they become an admin of the academy, and the link stops working."""
    invitation = _usable(lock_row(AcademyInvitation.objects, pk=academy_invitation_for(token=token).pk))
    if user.email.lower() != invitation.email:
        raise InvitationInvalid(
            "This invitation was sent to another e-mail address. Sign in with the address it was sent to."
        )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return role_grant(role=AcademyAdmin, actor=user, user=user, academy=invitation.academy, refused=ALREADY_ADMIN)
