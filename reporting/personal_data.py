"""What reporting holds about a person: their equality monitoring answers. Erasure deletes them; the reports'
figures stay (equality breakdowns lose the person's answers)."""

from portal.personal_data_registry import PersonalData, fields_of

from .models import EqualityProfile


def _export(user) -> dict:
    return {
        "equality_monitoring": fields_of(
            EqualityProfile.objects.filter(user=user).first(), ["ethnicity", "sex", "disability", "age_band"]
        )
    }


def _erase(user) -> None:
    EqualityProfile.objects.filter(user=user).delete()


PERSONAL_DATA = PersonalData(
    app_label="reporting", models=("reporting.EqualityProfile",), export=_export, erase=_erase
)
