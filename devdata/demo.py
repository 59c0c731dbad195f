"""Demo data, so a person can try every role in the portal on their own machine.

It builds on the real catalogue (load_catalogue) and adds only made-up things: systems, organisations, local
leadership academies, cohorts and one sign-in per role. Every row it makes is flagged is_demo and named "Demo..."
so nobody mistakes it for real, and it is keyed by natural keys so running it again creates no duplicates.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from academies.models import Academy, AcademyAdmin
from devdata.demo_activity import demo_activity_seed
from devdata.demo_allocations import demo_allocations_seed
from devdata.demo_outcomes import ENDED_COHORT_NAME, PARTICIPANT_EMAIL, RUNNING_COHORT_NAME, demo_outcomes_seed
from enrolment.bursaries import BursaryKind
from enrolment.funding import FundingKind
from enrolment.models import Cohort
from portal.models import IcsLead, IntegratedCareSystem, Organisation, Profession, Region, StaffProfile, User
from programmes.models import Programme

# Printed by seed_demo for anyone to use, which is why the command refuses to run with DEBUG off.
DEMO_PASSWORD = "demo-password-2026"  # noqa: S105 - deliberately public, local demo accounts only  # nosec B105

# Catalogue records the demo hangs off; load_catalogue provides them.
NATIONAL_ACADEMY_SLUG = "nhs-leadership-academy"
MARY_SEACOLE_SLUG = "mary-seacole-programme"
NURSE_PROFESSION_SLUG = "nurse"

# (slug, name, region slug)
DEMO_SYSTEMS = [
    ("demo-riverside-ics", "Demo: Riverside Integrated Care System", "north-west"),
    ("demo-downs-and-coast-ics", "Demo: Downs and Coast Integrated Care System", "south-east"),
    ("demo-midshire-ics", "Demo: Midshire Integrated Care System", "midlands"),
]

# (name, kind, system slug); the first NHS trust is where the demo staff member works.
DEMO_ORGANISATIONS = [
    ("Demo: Riverside Hospitals NHS Foundation Trust", Organisation.Kind.NHS_TRUST, "demo-riverside-ics"),
    ("Demo: Riverside Medical Practice", Organisation.Kind.GP_PRACTICE, "demo-riverside-ics"),
    ("Demo: Downs County Council", Organisation.Kind.LOCAL_AUTHORITY, "demo-downs-and-coast-ics"),
    ("Demo: Seaview Care Home", Organisation.Kind.CARE_HOME, "demo-downs-and-coast-ics"),
    ("Demo: Midshire Community Health NHS Trust", Organisation.Kind.NHS_TRUST, "demo-midshire-ics"),
    ("Demo: Midshire Carers Network", Organisation.Kind.VOLUNTARY_SECTOR, "demo-midshire-ics"),
]
STAFF_ORGANISATION_NAME = DEMO_ORGANISATIONS[0][0]


@dataclass(frozen=True)
class DemoAcademy:
    slug: str
    name: str
    place: str
    region_slug: str
    system_slug: str


DEMO_ACADEMIES = [
    DemoAcademy(
        slug="demo-north-west-leadership-academy",
        name="Demo: North West Leadership Academy",
        place="North West",
        region_slug="north-west",
        system_slug="demo-riverside-ics",
    ),
    DemoAcademy(
        slug="demo-south-east-leadership-academy",
        name="Demo: South East Leadership Academy",
        place="South East",
        region_slug="south-east",
        system_slug="demo-downs-and-coast-ics",
    ),
    DemoAcademy(
        slug="demo-midlands-leadership-academy",
        name="Demo: Midlands Leadership Academy",
        place="Midlands",
        region_slug="midlands",
        system_slug="demo-midshire-ics",
    ),
]
ADMINISTERED_ACADEMY_SLUG = DEMO_ACADEMIES[0].slug
LED_SYSTEM_SLUG = DEMO_SYSTEMS[0][0]

# Application windows as days from today: (opens, closes, cohort starts).
WINDOWS = {
    "open now": (-14, 21, 60),
    "open later": (30, 75, 120),
    "closed": (-60, -7, 30),
}
ONLINE = "online"


@dataclass(frozen=True)
class DemoCohort:
    programme_slug: str
    academy_slug: str
    name: str
    window: str  # a key of WINDOWS
    capacity: int
    venue: str  # or ONLINE
    terms: dict = field(default_factory=dict)  # who pays and any bursaries, where not the free default


# Made-up money for the demo's funded cohorts: no source states a fee or a bursary for any programme.
EMPLOYER_FUNDED = {"funding_kind": FundingKind.EMPLOYER, "fee": Decimal("1500.00")}
WITH_BURSARIES = {
    "funding_kind": FundingKind.SELF,
    "fee": Decimal("800.00"),
    "bursaries_available": 4,
    "bursary_kind": BursaryKind.AMOUNT,
    "bursary_amount": Decimal("250.00"),
    "bursary_budget": Decimal("750.00"),
    "finance_email": "finance@demo.nhs.test",
}
NORTH_WEST, SOUTH_EAST, MIDLANDS = (academy.slug for academy in DEMO_ACADEMIES)
# Mary Seacole alone covers every window state. Any programme but an open-access one is joined by applying to a
# cohort an academy runs, whatever the catalogue says of access.
DEMO_COHORTS = [
    DemoCohort(MARY_SEACOLE_SLUG, NORTH_WEST, "Demo cohort, North West", "open now", 24, "Riverside Education Centre"),
    DemoCohort(MARY_SEACOLE_SLUG, NORTH_WEST, "Demo cohort, North West (first intake)", "closed", 20, ONLINE),
    DemoCohort(MARY_SEACOLE_SLUG, SOUTH_EAST, "Demo cohort, South East", "open now", 30, ONLINE),
    DemoCohort(MARY_SEACOLE_SLUG, MIDLANDS, "Demo cohort, Midlands", "open later", 20, "Midshire Conference Centre"),
    DemoCohort("elizabeth-garrett-anderson-programme", SOUTH_EAST, "Demo cohort, South East", "open now", 25, ONLINE),
    DemoCohort("stepping-up-programme", MIDLANDS, "Demo cohort, Midlands", "open now", 25, "Midshire Learning Hub"),
    DemoCohort(
        MARY_SEACOLE_SLUG, SOUTH_EAST, "Demo cohort, South East (employer-funded)", "open now", 20, ONLINE,
        EMPLOYER_FUNDED,
    ),
    DemoCohort(
        "stepping-up-programme", MIDLANDS, "Demo cohort, Midlands (with bursaries)", "open now", 20,
        "Midshire Learning Hub", WITH_BURSARIES,
    ),
]
# Months a cohort runs when the catalogue does not say.
DEFAULT_COHORT_MONTHS = 6


@dataclass(frozen=True)
class DemoAccount:
    email: str
    full_name: str
    role: str
    is_admin_site_user: bool = False


STAFF_ACCOUNT = DemoAccount(
    "staff@demo.nhs.test", "Demo Staff Member", f"staff member: nurse, band 5, at {STAFF_ORGANISATION_NAME}"
)
ACADEMY_ADMIN_ACCOUNT = DemoAccount(
    "academyadmin@demo.nhs.test", "Demo Academy Administrator", f"academy administrator of {DEMO_ACADEMIES[0].name}"
)
ICS_LEAD_ACCOUNT = DemoAccount("icslead@demo.nhs.test", "Demo ICS Lead", f"ICS lead of {DEMO_SYSTEMS[0][1]}")
NATIONAL_ADMIN_ACCOUNT = DemoAccount(
    "nationaladmin@demo.nhs.test",
    "Demo National Administrator",
    "national administrator, can use the Django admin",
    is_admin_site_user=True,
)
PARTICIPANT_ACCOUNT = DemoAccount(
    PARTICIPANT_EMAIL,
    "Demo Participant",
    f"participant: completed Mary Seacole ({ENDED_COHORT_NAME}), now on Elizabeth Garrett Anderson "
    f"({RUNNING_COHORT_NAME}), with improvement projects, a follow-up answered and feedback given",
)
DEMO_ACCOUNTS = [STAFF_ACCOUNT, ACADEMY_ADMIN_ACCOUNT, ICS_LEAD_ACCOUNT, NATIONAL_ADMIN_ACCOUNT, PARTICIPANT_ACCOUNT]


class CatalogueNotLoaded(LookupError):
    """The demo builds on real catalogue rows; without them it cannot say which programme a cohort runs."""


def _quiet(step: str) -> None:
    """The default `progress` of demo_seed: say nothing."""


def demo_seed(*, today: date, progress: Callable[[str], None] = _quiet) -> dict:
    """Create or refresh all demo rows in one transaction, dating cohorts from `today`, calling `progress` with
    the name of each step as it starts (applying, completing and the like go through the services, so take time).

    Returns {"sections": {heading: [(label, created)]}, "skipped": [reason], "logins": [(email, role)]}
    so the caller can tell a person what is new and how to sign in.
    """
    with transaction.atomic():
        report = {"sections": {}, "skipped": [], "logins": []}
        national_academy, profession, regions = _catalogue_rows()
        progress("systems, organisations and academies")
        systems = _seed_systems(regions, report)
        organisations = _seed_organisations(systems, report)
        academies = _seed_academies(national_academy, regions, systems, report)
        progress("cohorts")
        _seed_cohorts(academies, today, report)
        progress("accounts")
        users = _seed_accounts(organisations, academies, systems, profession, report)
        cohort = Cohort.objects.get(academy=academies[ADMINISTERED_ACADEMY_SLUG], name=DEMO_COHORTS[0].name)
        progress("applications and coaches")
        activity = demo_activity_seed(
            cohort=cohort,
            admin=users[ACADEMY_ADMIN_ACCOUNT.email],
            organisation=organisations[STAFF_ORGANISATION_NAME],
            profession=profession,
            password=DEMO_PASSWORD,
        )
        progress("allocations and nominations")
        activity |= demo_allocations_seed(
            cohort=cohort,
            admin=users[ACADEMY_ADMIN_ACCOUNT.email],
            ics=systems[LED_SYSTEM_SLUG],
            lead=users[ICS_LEAD_ACCOUNT.email],
            nominee=users[STAFF_ACCOUNT.email],
        )
        progress("outcomes: completions, follow-ups, feedback, improvement projects and self-assessments")
        activity |= demo_outcomes_seed(
            academy=academies[ADMINISTERED_ACADEMY_SLUG],
            admin=users[ACADEMY_ADMIN_ACCOUNT.email],
            staff=users[STAFF_ACCOUNT.email],
            organisation=organisations[STAFF_ORGANISATION_NAME],
            profession=profession,
            password=DEMO_PASSWORD,
        )
        for heading, labels in activity.items():
            for label in labels:
                _note(report, heading, label, created=True)
        return report


def _note(report: dict, heading: str, label: str, created: bool) -> None:
    report["sections"].setdefault(heading, []).append((label, created))


def _catalogue_rows():
    """Fetch what the demo needs from the catalogue, naming everything missing at once."""
    region_slugs = {slug for _, _, slug in DEMO_SYSTEMS}
    regions = {region.slug: region for region in Region.objects.filter(slug__in=region_slugs)}
    national_academy = Academy.objects.filter(slug=NATIONAL_ACADEMY_SLUG).first()
    profession = Profession.objects.filter(slug=NURSE_PROFESSION_SLUG).first()
    has_mary_seacole = Programme.objects.filter(slug=MARY_SEACOLE_SLUG).exists()

    missing = [f"region {slug!r}" for slug in sorted(region_slugs - regions.keys())]
    missing += [] if national_academy else [f"academy {NATIONAL_ACADEMY_SLUG!r}"]
    missing += [] if has_mary_seacole else [f"programme {MARY_SEACOLE_SLUG!r}"]
    missing += [] if profession else [f"profession {NURSE_PROFESSION_SLUG!r}"]
    if missing:
        raise CatalogueNotLoaded(
            f"The catalogue is not loaded (missing {', '.join(missing)}): run load_catalogue first."
        )
    return national_academy, profession, regions


def _seed_systems(regions: dict, report: dict) -> dict:
    systems = {}
    for slug, name, region_slug in DEMO_SYSTEMS:
        systems[slug], created = IntegratedCareSystem.objects.update_or_create(
            slug=slug, defaults={"name": name, "region": regions[region_slug], "is_demo": True}
        )
        _note(report, "Integrated care systems", f"{name} ({regions[region_slug]})", created)
    return systems


def _seed_organisations(systems: dict, report: dict) -> dict:
    organisations = {}
    for name, kind, system_slug in DEMO_ORGANISATIONS:
        organisations[name], created = Organisation.objects.update_or_create(
            name=name, is_demo=True, defaults={"kind": kind, "ics": systems[system_slug]}
        )
        _note(report, "Organisations", f"{name} ({kind.label})", created)
    return organisations


def _seed_academies(national_academy: Academy, regions: dict, systems: dict, report: dict) -> dict:
    academies = {}
    for demo in DEMO_ACADEMIES:
        academies[demo.slug], created = Academy.objects.update_or_create(
            slug=demo.slug,
            defaults={
                "name": demo.name,
                "kind": Academy.Kind.LOCAL_DELIVERY_PARTNER,
                "parent": national_academy,
                "region": regions[demo.region_slug],
                "ics": systems[demo.system_slug],
                "summary": f"A made-up local leadership academy for the {demo.place}, for trying the portal.",
                "is_demo": True,
            },
        )
        _note(report, "Local leadership academies", f"{demo.name} (works for {national_academy})", created)
    return academies


def _seed_cohorts(academies: dict, today: date, report: dict) -> None:
    """Give each demo academy cohorts to run, and list it as delivering those programmes so the two agree."""
    programmes = Programme.objects.in_bulk({demo.programme_slug for demo in DEMO_COHORTS}, field_name="slug")
    for demo in DEMO_COHORTS:
        programme = programmes.get(demo.programme_slug)
        if programme is None or programme.is_open_access:
            reason = "is not in the catalogue" if programme is None else "is open access, so it has no cohorts"
            report["skipped"].append(f"no demo cohort of {demo.programme_slug!r}: the programme {reason}")
            continue
        academy = academies[demo.academy_slug]
        programme.delivering_academies.add(academy)
        opens, closes, starts = (today + timedelta(days=offset) for offset in WINDOWS[demo.window])
        months = programme.duration_months or DEFAULT_COHORT_MONTHS
        is_online = demo.venue == ONLINE
        cohort, created = Cohort.objects.update_or_create(
            programme=programme,
            academy=academy,
            name=demo.name,
            defaults={
                "starts_on": starts,
                "ends_on": starts + timedelta(days=30 * months),
                "venue": "Online (demo cohort)" if is_online else f"Demo venue: {demo.venue} (not a real place)",
                "is_online": is_online,
                "region": academy.region,
                "ics": academy.ics,
                "capacity": demo.capacity,
                "applications_open_at": _morning(opens),
                "applications_close_at": _evening(closes),
                "is_demo": True,
                **demo.terms,
            },
        )
        label = f"{cohort}: starts {starts.isoformat()}, applications {demo.window}"
        _note(report, "Cohorts", label, created)


def _morning(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(9, 0)))


def _evening(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(17, 0)))


def _seed_accounts(organisations: dict, academies: dict, systems: dict, profession: Profession, report: dict):
    users = {account.email: _seed_user(account, report) for account in DEMO_ACCOUNTS}
    StaffProfile.objects.update_or_create(
        user=users[STAFF_ACCOUNT.email],
        defaults={
            "organisation": organisations[STAFF_ORGANISATION_NAME],
            "profession": profession,
            "staff_group": StaffProfile.StaffGroup.NURSING_MIDWIFERY,
            "grade": StaffProfile.Grade.BAND_5,
            "job_title": "Staff nurse (demo)",
            "line_manager_email": "line.manager@demo.nhs.test",
        },
    )
    AcademyAdmin.objects.get_or_create(
        user=users[ACADEMY_ADMIN_ACCOUNT.email], academy=academies[ADMINISTERED_ACADEMY_SLUG]
    )
    IcsLead.objects.get_or_create(user=users[ICS_LEAD_ACCOUNT.email], ics=systems[LED_SYSTEM_SLUG])
    report["logins"] = [(account.email, account.role) for account in DEMO_ACCOUNTS]
    return users


def _seed_user(account: DemoAccount, report: dict) -> User:
    """Reset the password only when it has drifted, so a re-run leaves an untouched account untouched."""
    user, created = User.objects.update_or_create(
        email=account.email,
        defaults={
            "full_name": account.full_name,
            "is_demo": True,
            "is_active": True,
            "is_national_admin": account.is_admin_site_user,
            "is_staff": account.is_admin_site_user,
            "is_superuser": account.is_admin_site_user,
        },
    )
    if not user.check_password(DEMO_PASSWORD):
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    _note(report, "Accounts", f"{account.email}: {account.full_name}", created)
    return user
