"""Every factory must give a row the model itself accepts, or tests built on it prove nothing."""

import pytest

from tests.academies.factories import AcademyAdminFactory, AcademyFactory
from tests.enrolment.factories import ApplicationQuestionFactory, CohortFactory
from tests.portal.factories import (
    TEST_PASSWORD,
    IcsLeadFactory,
    IntegratedCareSystemFactory,
    OrganisationFactory,
    ProfessionFactory,
    RegionFactory,
    SourceDocumentFactory,
    StaffProfileFactory,
    UserFactory,
)
from tests.programmes.factories import (
    CareerStageFactory,
    FrameworkElementFactory,
    FrameworkFactory,
    FundedSchemeFactory,
    ProgrammeFactory,
    SchemeAllocationFactory,
)

FACTORIES = [
    RegionFactory,
    IntegratedCareSystemFactory,
    OrganisationFactory,
    ProfessionFactory,
    SourceDocumentFactory,
    UserFactory,
    StaffProfileFactory,
    IcsLeadFactory,
    AcademyFactory,
    AcademyAdminFactory,
    CareerStageFactory,
    FrameworkFactory,
    FrameworkElementFactory,
    ProgrammeFactory,
    FundedSchemeFactory,
    SchemeAllocationFactory,
    CohortFactory,
    ApplicationQuestionFactory,
]


@pytest.mark.django_db
@pytest.mark.parametrize("factory_class", FACTORIES, ids=lambda f: f.__name__)
def test_factory_builds_a_valid_saved_row(factory_class):
    obj = factory_class()
    obj.full_clean()
    assert obj.pk is not None
    assert type(obj).objects.filter(pk=obj.pk).exists()


@pytest.mark.django_db
def test_traits_give_what_their_names_promise():
    """The traits are how tests say 'open access', 'local academy', 'closed window'; check they mean it."""
    assert ProgrammeFactory(open_access=True).is_open_access
    assert not ProgrammeFactory().is_open_access

    local = AcademyFactory(local_partner=True)
    local.full_clean()
    assert local.parent.kind == "national"

    user = UserFactory(with_profile=True, national_admin=True)
    assert user.check_password(TEST_PASSWORD)
    assert user.profile.organisation is not None
    assert user.is_superuser and user.is_national_admin

    for trait in ("opens_later", "closed"):
        CohortFactory(**{trait: True}).full_clean()

    assert ProgrammeFactory().sources.count() == 1
