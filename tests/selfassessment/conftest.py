import pytest

from tests.selfassessment.factories import model_dimensions_made


@pytest.fixture
def dimensions():
    return model_dimensions_made()
