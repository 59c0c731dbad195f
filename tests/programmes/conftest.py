"""A small catalogue in which every facet option picks out a known set of programmes."""

from dataclasses import dataclass

import pytest

from academies.models import Academy
from portal.models import IntegratedCareSystem, Profession, Region
from programmes.models import CareerStage, FrameworkElement, Programme
from tests.academies.factories import AcademyFactory
from tests.enrolment.factories import CohortFactory
from tests.portal.factories import IntegratedCareSystemFactory, ProfessionFactory, RegionFactory
from tests.programmes.factories import CareerStageFactory, FrameworkElementFactory, FrameworkFactory, ProgrammeFactory


@dataclass
class SmallCatalogue:
    """Alpha to Echo, each with the facts the facet tests below rely on."""

    first: CareerStage
    senior: CareerStage
    nurse: Profession
    gp: Profession
    north: Region
    south: Region
    riverside: IntegratedCareSystem
    national: Academy
    college: Academy
    local: Academy
    dimension: FrameworkElement
    domain: FrameworkElement
    method: FrameworkElement
    programmes: dict[str, Programme]


@pytest.fixture
def small_catalogue(db) -> SmallCatalogue:
    first = CareerStageFactory(slug="new-to-leadership", name="New to leadership")
    senior = CareerStageFactory(slug="senior-leader", name="Senior leader")
    nurse = ProfessionFactory(slug="nurse", name="Nurse")
    gp = ProfessionFactory(slug="gp", name="GP")
    north, south = RegionFactory(slug="north", name="North"), RegionFactory(slug="south", name="South")
    riverside = IntegratedCareSystemFactory(slug="riverside", name="Riverside ICS", region=north)
    national = AcademyFactory(slug="national", name="National Academy")
    college = AcademyFactory(slug="college", name="College of Leaders", kind=Academy.Kind.OTHER_PROVIDER)
    local = AcademyFactory(slug="local", name="Northern Local Academy", local_partner=True, parent=national)
    dimension = FrameworkElementFactory(
        framework=FrameworkFactory(slug="healthcare-leadership-model"), slug="engaging-the-team"
    )
    domain = FrameworkElementFactory(
        framework=FrameworkFactory(slug="clinical-leadership-competency-framework"), slug="working-with-others"
    )
    method = FrameworkElementFactory(framework=FrameworkFactory(slug="improvement-methods"), slug="lean")

    alpha = ProgrammeFactory(
        title="Alpha",
        career_stages=[first],
        open_to_all_professions=False,
        professions=[nurse],
        format=Programme.Format.BLENDED,
        cost=Programme.Cost.FREE,
        duration_months=6,
        provider=national,
        delivering_academies=[local],
        development_areas=[dimension],
        cpd_hours=10,
    )
    bravo = ProgrammeFactory(
        title="Bravo",
        open_access=True,
        career_stages=[senior],
        cost=Programme.Cost.FEE,
        duration_months=None,
        provider=college,
        development_areas=[domain],
        positive_action_note="For Black, Asian and minority ethnic staff.",
    )
    charlie = ProgrammeFactory(
        title="Charlie",
        career_stages=[first, senior],
        open_to_all_professions=False,
        professions=[gp],
        format=Programme.Format.FACE_TO_FACE,
        cost=Programme.Cost.FUNDED,
        duration_months=18,
        provider=national,
        development_areas=[method],
        cpd_note="Counts towards revalidation.",
    )
    delta = ProgrammeFactory(
        title="Delta", open_to_all_professions=False, format="", cost="", duration_months=2, provider=college
    )
    echo = ProgrammeFactory(title="Echo", format=Programme.Format.VIRTUAL, duration_months=12, provider=college)

    CohortFactory(programme=alpha, academy=local, region=north, ics=riverside, starts_in_days=30)
    CohortFactory(programme=charlie, academy=national, region=south, opens_later=True, starts_in_days=90)
    CohortFactory(programme=delta, academy=college, region=north, closed=True, starts_in_days=60)
    CohortFactory(programme=echo, academy=college, region=south, starts_in_days=-10, lasts_days=100)

    return SmallCatalogue(
        first=first,
        senior=senior,
        nurse=nurse,
        gp=gp,
        north=north,
        south=south,
        riverside=riverside,
        national=national,
        college=college,
        local=local,
        dimension=dimension,
        domain=domain,
        method=method,
        programmes={programme.title: programme for programme in (alpha, bravo, charlie, delta, echo)},
    )
