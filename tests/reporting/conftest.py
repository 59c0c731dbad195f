"""A small system whose every figure is worked out by hand in the tests.

Riverside ICS (North West) has two organisations. Months are counted back from this one (M-1 is last month).

    application  programme  organisation (snapshot)       profession  band    applied  status
    a1           Alpha      Riverside Hospital           Nurse       band 5  M-1      accepted (offered M-1)
    a2           Alpha      Riverside Hospital           Nurse       band 6  M-1      offered
    a3           Alpha      Riverside GP                 Manager     band 7  M-2      unsuccessful
    a4           Beta       Riverside Hospital           Manager     band 8a M-2      completed (offered M-2)
    a5           Beta       none: profile's Riverside GP Nurse       band 5  M-3      under review
    moved        Alpha      Hillside Trust (another ICS) Nurse       band 5  M-1      under review
    draft        Alpha      Riverside Hospital           Nurse       band 5  -        draft (never submitted)
    e1           Jenner     open access, Riverside Hospital, Manager, band 6, enrolled M-1, completed

`moved` now works in Riverside but applied from Hillside: the application's organisation counts, so Hillside.
Thames (London) has one accepted application, t1, and one open-access enrolment: none of Riverside's business.
"""

from dataclasses import dataclass

import pytest

from enrolment.models import Status
from reporting.services import reports_refresh
from tests.enrolment.factories import CohortFactory
from tests.portal.factories import (
    IcsLeadFactory,
    IntegratedCareSystemFactory,
    OrganisationFactory,
    ProfessionFactory,
    RegionFactory,
    UserFactory,
)
from tests.programmes.factories import FundedSchemeFactory, ProgrammeFactory, SchemeAllocationFactory
from tests.reporting.factories import application, months_ago, open_access_enrolment, staff_member


@dataclass
class Known:
    riverside: object
    hillside: object
    thames: object
    north_west: object
    hospital: object
    gp: object
    alpha: object
    beta: object
    jenner: object
    lead: object
    other_lead: object
    national_admin: object


@pytest.fixture
def known(db) -> Known:
    north_west = RegionFactory(slug="north-west", name="North West")
    london = RegionFactory(slug="london", name="London")
    riverside = IntegratedCareSystemFactory(slug="riverside", name="Riverside ICS", region=north_west)
    hillside = IntegratedCareSystemFactory(slug="hillside", name="Hillside ICS", region=north_west)
    thames = IntegratedCareSystemFactory(slug="thames", name="Thames ICS", region=london)
    hospital = OrganisationFactory(name="Riverside Hospital", ics=riverside)
    gp = OrganisationFactory(name="Riverside GP", ics=riverside)
    hillside_trust = OrganisationFactory(name="Hillside Trust", ics=hillside)
    thames_trust = OrganisationFactory(name="Thames Trust", ics=thames)
    nurse = ProfessionFactory(slug="nurse", name="Nurse")
    manager = ProfessionFactory(slug="manager", name="Manager")
    alpha = ProgrammeFactory(title="Alpha programme", slug="alpha")
    beta = ProgrammeFactory(title="Beta programme", slug="beta")
    jenner = ProgrammeFactory(title="Jenner programme", slug="jenner", open_access=True)
    alpha_cohort = CohortFactory(programme=alpha, capacity=50)
    beta_cohort = CohortFactory(programme=beta, capacity=50)

    def person(organisation, profession, grade):
        return staff_member(organisation, profession=profession, grade=grade)

    application(person(hospital, nurse, "band_5"), alpha_cohort, Status.ACCEPTED, applied=months_ago(1))
    application(person(hospital, nurse, "band_6"), alpha_cohort, Status.OFFERED, applied=months_ago(1))
    application(person(gp, manager, "band_7"), alpha_cohort, Status.UNSUCCESSFUL, applied=months_ago(2))
    application(person(hospital, manager, "band_8a"), beta_cohort, Status.COMPLETED, applied=months_ago(2))
    application(person(gp, nurse, "band_5"), beta_cohort, Status.UNDER_REVIEW, applied=months_ago(3), organisation=None)
    moved = person(hospital, nurse, "band_5")
    application(moved, alpha_cohort, Status.UNDER_REVIEW, applied=months_ago(1), organisation=hillside_trust)
    draft = application(person(hospital, nurse, "band_5"), alpha_cohort, Status.DRAFT, applied=months_ago(1))
    draft.submitted_at = None
    draft.save()
    open_access_enrolment(person(hospital, manager, "band_6"), jenner, enrolled=months_ago(1), completed=True)

    application(person(thames_trust, nurse, "band_5"), alpha_cohort, Status.ACCEPTED, applied=months_ago(1))
    open_access_enrolment(person(thames_trust, nurse, "band_5"), jenner, enrolled=months_ago(1))

    reports_refresh()
    return Known(
        riverside=riverside,
        hillside=hillside,
        thames=thames,
        north_west=north_west,
        hospital=hospital,
        gp=gp,
        alpha=alpha,
        beta=beta,
        jenner=jenner,
        lead=IcsLeadFactory(ics=riverside).user,
        other_lead=IcsLeadFactory(ics=thames).user,
        national_admin=UserFactory(national_admin=True),
    )


@pytest.fixture
def schemes(known):
    """Funded schemes over the known data set, plus one more Alpha enrolment in Riverside, nine months ago.

    scheme            programmes     allocation                 target  enrolled  in the last 6 full months
    Alpha for one     Alpha          Riverside ICS              1       2         1 (a1)   -> met
    Gamma fund        Gamma          Riverside ICS              5       0         0        -> not on track
    North West three  Beta           North West (whole region)  3       1 (a4)    1        -> +12 months
    Riverside ten     Alpha, Jenner  Riverside ICS              10      3         2 (a1, e1) -> +21 months
    Riverside ten     Alpha, Jenner  Thames ICS                 50      1 (t1)    ...      (not Riverside's)
    Surrey 500        Alpha          not linked to a place      500     -         -        -> not counted
    """
    old = staff_member(known.hospital)
    application(old, CohortFactory(programme=known.alpha), Status.ACCEPTED, applied=months_ago(9))
    gamma = ProgrammeFactory(title="Gamma programme", slug="gamma")
    SchemeAllocationFactory(
        scheme=FundedSchemeFactory(name="Alpha for one", programmes=[known.alpha]),
        area_name="Riverside",
        region=None,
        ics=known.riverside,
        target_leaders=1,
    )
    SchemeAllocationFactory(
        scheme=FundedSchemeFactory(name="Gamma fund", programmes=[gamma]),
        area_name="Riverside",
        region=None,
        ics=known.riverside,
        target_leaders=5,
    )
    SchemeAllocationFactory(
        scheme=FundedSchemeFactory(name="North West three", programmes=[known.beta]),
        area_name="North West",
        region=known.north_west,
        target_leaders=3,
    )
    ten = FundedSchemeFactory(name="Riverside ten", programmes=[known.alpha, known.jenner])
    SchemeAllocationFactory(scheme=ten, area_name="Riverside", region=None, ics=known.riverside, target_leaders=10)
    SchemeAllocationFactory(scheme=ten, area_name="Thames", region=None, ics=known.thames, target_leaders=50)
    SchemeAllocationFactory(
        scheme=FundedSchemeFactory(name="Surrey 500", programmes=[known.alpha]),
        area_name="Surrey Heartlands",
        region=None,
        target_leaders=500,
    )
    reports_refresh()
