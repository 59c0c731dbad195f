"""The scale data set's shape (seed_scale's counts) and the made-up distributions it draws from."""

import random
from bisect import bisect
from dataclasses import dataclass

from enrolment.models import Status
from reporting.models import AgeBand, Disability, Ethnicity, Sex

PREFIX = "Demo: Scale"
SLUG = "demo-scale"
EMAIL = "scale-{:06d}@demo.nhs.test"
BENCHMARK_LEAD_EMAIL = "benchmark-ics-lead@demo.nhs.test"
BENCHMARK_ADMIN_EMAIL = "benchmark-academy-admin@demo.nhs.test"
EMAIL_START = "scale-"
EMAIL_END = "@demo.nhs.test"
YEARS = 3
ORGANISATIONS_PER_SYSTEM = 24
OPEN_ACCESS_EVERY = 20
# The seven NHS England regions, as the catalogue names them (load_catalogue makes the same rows).
REGIONS = [
    ("north-east-and-yorkshire", "North East and Yorkshire"),
    ("north-west", "North West"),
    ("midlands", "Midlands"),
    ("east-of-england", "East of England"),
    ("london", "London"),
    ("south-east", "South East"),
    ("south-west", "South West"),
]
# The catalogue's professions, made only when no profession exists yet.
PROFESSIONS = [
    ("gp", "GP"),
    ("consultant", "Consultant or other hospital doctor"),
    ("therapist", "Therapist or allied health professional"),
    ("nurse", "Nurse"),
    ("midwife", "Midwife"),
    ("social-worker", "Social worker"),
    ("manager", "Manager"),
    ("social-care-worker", "Social care worker"),
    ("other", "Other"),
]
PROFESSION_WEIGHTS = {"nurse": 34, "manager": 15, "therapist": 11, "consultant": 8, "gp": 5, "midwife": 4}
GRADE_WEIGHTS = [
    ("band_3", 4),
    ("band_4", 6),
    ("band_5", 20),
    ("band_6", 22),
    ("band_7", 18),
    ("band_8a", 10),
    ("band_8b", 5),
    ("band_8c", 2),
    ("band_8d", 1),
    ("band_9", 1),
    ("consultant", 5),
    ("gp", 3),
    ("sas", 2),
    ("", 1),
]
ETHNICITY_WEIGHTS = [
    (Ethnicity.WHITE_BRITISH, 620),
    (Ethnicity.WHITE_IRISH, 10),
    (Ethnicity.WHITE_OTHER, 60),
    (Ethnicity.WHITE_GYPSY_TRAVELLER, 1),
    (Ethnicity.WHITE_ROMA, 1),
    (Ethnicity.ASIAN_INDIAN, 80),
    (Ethnicity.ASIAN_PAKISTANI, 20),
    (Ethnicity.ASIAN_BANGLADESHI, 7),
    (Ethnicity.ASIAN_CHINESE, 6),
    (Ethnicity.ASIAN_OTHER, 25),
    (Ethnicity.BLACK_AFRICAN, 60),
    (Ethnicity.BLACK_CARIBBEAN, 15),
    (Ethnicity.BLACK_OTHER, 5),
    (Ethnicity.MIXED_WHITE_ASIAN, 7),
    (Ethnicity.MIXED_WHITE_BLACK_AFRICAN, 4),
    (Ethnicity.MIXED_WHITE_BLACK_CARIBBEAN, 7),
    (Ethnicity.MIXED_OTHER, 7),
    (Ethnicity.OTHER_ARAB, 4),
    (Ethnicity.OTHER_ANY, 13),
    (Ethnicity.PREFER_NOT, 48),
]
SEX_WEIGHTS = [(Sex.FEMALE, 76), (Sex.MALE, 21), (Sex.PREFER_NOT, 3)]
DISABILITY_WEIGHTS = [(Disability.NO, 82), (Disability.YES, 6), (Disability.PREFER_NOT, 12)]
AGE_WEIGHTS = [
    (AgeBand.AGE_16_24, 5),
    (AgeBand.AGE_25_34, 25),
    (AgeBand.AGE_35_44, 27),
    (AgeBand.AGE_45_54, 25),
    (AgeBand.AGE_55_64, 15),
    (AgeBand.AGE_65_PLUS, 2),
    (AgeBand.PREFER_NOT, 1),
]
# The status an application ends in, by its cohort's stage: (status, weight). The moves that lead there come from
# Application.TRANSITIONS (devdata.scale_histories).
OUTCOMES = {
    "open": [
        (Status.AWAITING_MANAGER, 15),
        (Status.UNDER_REVIEW, 50),
        (Status.WAITLISTED, 5),
        (Status.OFFERED, 10),
        (Status.UNSUCCESSFUL, 10),
        (Status.NOT_SUPPORTED, 5),
        (Status.WITHDRAWN, 5),
    ],
    "decided": [
        (Status.OFFERED, 15),
        (Status.ACCEPTED, 30),
        (Status.WAITLISTED, 10),
        (Status.UNSUCCESSFUL, 30),
        (Status.DECLINED, 5),
        (Status.OFFER_EXPIRED, 5),
        (Status.WITHDRAWN, 5),
    ],
    "running": [
        (Status.ACCEPTED, 40),
        (Status.DID_NOT_COMPLETE, 3),
        (Status.UNSUCCESSFUL, 32),
        (Status.DECLINED, 8),
        (Status.OFFER_EXPIRED, 4),
        (Status.NOT_SUPPORTED, 5),
        (Status.WITHDRAWN, 8),
    ],
    "ended": [
        (Status.COMPLETED, 34),
        (Status.DID_NOT_COMPLETE, 6),
        (Status.UNSUCCESSFUL, 32),
        (Status.DECLINED, 8),
        (Status.OFFER_EXPIRED, 4),
        (Status.NOT_SUPPORTED, 8),
        (Status.WITHDRAWN, 8),
    ],
}
# Applications whose snapshot has no organisation, so reports fall back to the staff profile.
NO_SNAPSHOT_ORGANISATION = 0.02


class ScaleError(Exception):
    """The database holds a scale data set of another shape; the message says what to change."""


@dataclass(frozen=True)
class Shape:
    staff: int = 200_000
    applications: int = 1_000_000
    programmes: int = 500
    cohorts: int = 5_000
    systems: int = 42
    enrolments: int = 50_000
    batch_size: int = 5_000


def rng_for(seed: int) -> random.Random:
    """The same numbers for the same seed: the data set is made up, and must come out the same every run."""
    return random.Random(seed)  # noqa: S311 - not for anything secret  # nosec B311


def weighted(pairs) -> tuple[list, list[float]]:
    """Values and cumulative weights, for random.choices(values, cum_weights=...)."""
    values, cumulative, total = [], [], 0
    for value, weight in pairs:
        total += weight
        values.append(value)
        cumulative.append(total)
    return values, cumulative


def pick(rng: random.Random, table: tuple[list, list[float]]) -> object:
    """One value of a weighted() table."""
    values, cumulative = table
    return values[bisect(cumulative, rng.random() * cumulative[-1])]
