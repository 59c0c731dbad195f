import pytest

from tests.coaching.factories import (
    CoachingRequestFactory,
    CoachingSessionFactory,
    CoachProfileFactory,
    HlmDimensionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "make",
    [
        HlmDimensionFactory,
        CoachProfileFactory,
        lambda: CoachProfileFactory(pending=True),
        CoachingRequestFactory,
        lambda: CoachingRequestFactory(accepted=True),
        lambda: CoachingRequestFactory(closed=True),
        CoachingSessionFactory,
    ],
)
def test_every_coaching_factory_makes_a_row_the_model_accepts(make):
    make().full_clean()
