"""What academies hold about a person: the academies they administer, and the invitations sent to their e-mail
address to run one. Erasure ends the role and deletes those invitations."""

from portal.personal_data_registry import PersonalData

from .models import AcademyAdmin, AcademyInvitation


def _invitations(user):
    return AcademyInvitation.objects.filter(email__iexact=user.email)


def _export(user) -> dict:
    return {
        "account": {
            "academies_you_administer": list(
                AcademyAdmin.objects.filter(user=user).values_list("academy__name", flat=True)
            ),
            "invitations_to_run_an_academy": list(
                _invitations(user).values("academy__name", "created_at", "expires_at", "accepted_at")
            ),
        }
    }


def _erase(user) -> None:
    AcademyAdmin.objects.filter(user=user).delete()
    _invitations(user).delete()


PERSONAL_DATA = PersonalData(
    app_label="academies",
    # An API token only names who made it, for the audit trail: erasure anonymises that person, the token stays.
    models=("academies.AcademyAdmin", "academies.AcademyInvitation", "academies.AcademyApiToken"),
    export=_export,
    erase=_erase,
)
