"""What academies hold about a person: the academies they administer. Erasure ends the role."""

from portal.personal_data_registry import PersonalData

from .models import AcademyAdmin


def _export(user) -> dict:
    return {
        "account": {
            "academies_you_administer": list(
                AcademyAdmin.objects.filter(user=user).values_list("academy__name", flat=True)
            ),
        }
    }


def _erase(user) -> None:
    AcademyAdmin.objects.filter(user=user).delete()


PERSONAL_DATA = PersonalData(app_label="academies", models=("academies.AcademyAdmin",), export=_export, erase=_erase)
