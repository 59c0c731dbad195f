"""What the base layer holds about a person: their account, staff profile, ICS leadership, their single sign-on
identities, the e-mails sent to them and their failed logins (django-axes, which the portal's login uses). The user
row itself is anonymised by portal.privacy, which leaves it as an inactive placeholder. The audit log keeps its
entries: they name who did what by id, never by name or address."""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog

from .models import EmailDelivery, ExternalIdentity, IcsLead, StaffProfile, User
from .personal_data_registry import ERASED_SUBJECT, PersonalData, erased_email, fields_of


def _export(user: User) -> dict:
    return {
        "account": {
            **fields_of(user, ["email", "full_name", "date_joined", "last_login", "is_active", "is_national_admin"]),
            "systems_you_lead": list(IcsLead.objects.filter(user=user).values_list("ics__name", flat=True)),
        },
        "staff_profile": _staff_profile(user),
        "single_sign_on": list(ExternalIdentity.objects.filter(user=user).values("issuer", "subject", "linked_at")),
        "emails_sent_to_you": list(
            EmailDelivery.objects.filter(to__iexact=user.email).values("subject", "created_at", "sent_at")
        ),
        "failed_logins": list(
            AccessAttempt.objects.filter(username__iexact=user.email).values(
                "attempt_time", "ip_address", "user_agent", "failures_since_start"
            )
        ),
    }


def _staff_profile(user: User) -> dict | None:
    profile = StaffProfile.objects.select_related("organisation", "profession").filter(user=user).first()
    if profile is None:
        return None
    return {
        "organisation": profile.organisation and profile.organisation.name,
        "unlisted_organisation_name": profile.unlisted_organisation_name,
        "profession": profile.profession and profile.profession.name,
        "staff_group": profile.get_staff_group_display(),
        "grade": profile.get_grade_display(),
        "job_title": profile.job_title,
        "line_manager_email": profile.line_manager_email,
    }


def _erase(user: User) -> None:
    """E-mails to them lose the address and the subject; the keys and sending times stay, so a re-run task still
    sends nothing."""
    sent_to_them = EmailDelivery.objects.filter(to__iexact=user.email)
    sent_to_them.update(subject=ERASED_SUBJECT)
    sent_to_them.update(to=erased_email(user))
    StaffProfile.objects.filter(user=user).update(job_title="", line_manager_email="", unlisted_organisation_name="")
    IcsLead.objects.filter(user=user).delete()
    ExternalIdentity.objects.filter(user=user).delete()
    for log in (AccessAttempt, AccessLog, AccessFailureLog):
        log.objects.filter(username__iexact=user.email).delete()


PERSONAL_DATA = PersonalData(
    app_label="portal",
    models=("portal.User", "portal.StaffProfile", "portal.IcsLead", "portal.EmailDelivery", "portal.AuditEntry",
            "portal.ExternalIdentity"),
    export=_export,
    erase=_erase,
)
