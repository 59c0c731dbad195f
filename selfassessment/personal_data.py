"""What the self-assessment holds about a person: their ratings, each time they took it. The download carries them
all; erasure deletes them."""

from portal.personal_data_registry import PersonalData

from .permissions import assessments_of


def _export(user) -> dict:
    assessments = assessments_of(user).with_ratings()
    return {
        "self_assessments": [
            {
                "taken_at": assessment.taken_at,
                "ratings": {rating.dimension.name: rating.score for rating in assessment.ratings.all()},
            }
            for assessment in assessments
        ]
    }


def _erase(user) -> None:
    assessments_of(user).delete()


PERSONAL_DATA = PersonalData(
    app_label="selfassessment",
    models=("selfassessment.SelfAssessment", "selfassessment.Rating"),
    export=_export,
    erase=_erase,
)
