"""'Find a programme for me': ranks programmes against a person's answers, giving the reasons each fits.

Pure functions over plain facts (enrolment.discovery.selectors.programme_finder_facts loads them), so each rule can be
tested without a database. A programme is left out when it is plainly not for the person: aimed only at other
professions, at other career stages, or a positive action programme they did not ask to see. Of the rest, those
that fit on something that matters (career stage, profession or positive action) are scored, and the score's
parts become the reasons shown.
"""

from dataclasses import dataclass, field

ONLINE_SELF_PACED = "online_self_paced"
ONLINE_FORMATS = {"online_self_paced", "virtual", "blended"}
IN_PERSON_FORMATS = {"face_to_face", "residential", "blended"}

# What the person wants next, and the catalogue's career stages that lead there.
GOALS = [
    ("first_role", "Take on my first leadership role"),
    ("lead_team", "Lead a team"),
    ("lead_service", "Lead a service or department"),
    ("lead_system", "Lead across a system of organisations"),
    ("board", "Lead at board level"),
]
GOAL_STAGES = {
    "first_role": {"new-to-leadership"},
    "lead_team": {"new-to-leadership", "mid-level-leader"},
    "lead_service": {"mid-level-leader", "senior-leader"},
    "lead_system": {"system-leader"},
    "board": {"executive-and-board"},
}
# Who each career stage is for, in the order of the path, as a reason reads it: "for first-level leaders".
STAGE_AUDIENCES = {
    "new-to-leadership": "first-level leaders",
    "mid-level-leader": "mid-level leaders",
    "senior-leader": "senior leaders",
    "executive-and-board": "executives and board members",
    "system-leader": "system leaders",
}
# The career stages a band or grade usually leads at.
BAND_STAGES = {
    **dict.fromkeys(["band_2", "band_3", "band_4", "band_5", "foundation"], {"new-to-leadership"}),
    **dict.fromkeys(["band_6", "band_7", "resident", "sas", "gp"], {"new-to-leadership", "mid-level-leader"}),
    **dict.fromkeys(["band_8a", "band_8b"], {"mid-level-leader", "senior-leader"}),
    **dict.fromkeys(["band_8c", "band_8d", "band_9", "consultant"], {"senior-leader", "system-leader"}),
    "vsm": {"executive-and-board", "system-leader"},
}

TIMES = [
    ("own_pace", "A little at a time, at my own pace"),
    ("months", "Up to 6 months"),
    ("year", "Up to a year"),
    ("any", "No preference"),
]
TIME_MONTHS = {"months": 6, "year": 12}
SETTINGS = [("online", "Online"), ("in_person", "In person"), ("either", "Either")]

# How much each kind of fit weighs.
STAGE_FIT = 4
FOCUSED_ON_STAGE = 1  # every stage the programme serves is one the person is aiming for
PROFESSION_FIT = 3
SPECIFIC_PROFESSION_FIT = 6  # aimed at a few professions (at most SPECIFIC_PROFESSIONS), this one among them
SPECIFIC_PROFESSIONS = 2
POSITIVE_ACTION_FIT = 8  # asked for: these programmes are meant for exactly this person
BAND_FIT = 1
OFFER_FIT = 1  # free, open to all staff
TIME_FIT = 1
TOO_LONG = -2
SETTING_FIT = 1
OPEN_NOW = 1
# A demo cohort shows the flow but must not lift a programme above real ones: it scores nothing, and says Demo.
OPEN_NOW_DEMO_REASON = "open for applications now, in a Demo cohort"
POSITIVE_ACTION_REASON = "a positive action programme for Black, Asian and minority ethnic staff"


@dataclass(frozen=True)
class ProgrammeFacts:
    slug: str
    title: str
    summary: str
    url: str
    career_stages: frozenset[str] = frozenset()
    professions: frozenset[str] = frozenset()
    open_to_all_professions: bool = False
    format: str = ""
    duration_months: int | None = None
    cost: str = ""
    positive_action: bool = False
    open_now: bool = False
    open_now_demo: bool = False  # open only in a demo cohort
    open_access: bool = False

    @property
    def self_paced(self) -> bool:
        return self.format == ONLINE_SELF_PACED


@dataclass(frozen=True)
class Answers:
    profession: str
    goal: str
    band: str = ""
    time: str = "any"
    setting: str = "either"
    positive_action: bool = False


@dataclass(frozen=True)
class Match:
    programme: ProgrammeFacts
    score: int
    reasons: tuple[str, ...] = field(default_factory=tuple)


def rank(programmes, answers: Answers, *, limit: int = 10) -> list[Match]:
    """The programmes that fit the answers, best first (ties by title), each with why it fits."""
    matches = [match for programme in programmes if (match := assess(programme, answers))]
    return sorted(matches, key=lambda match: (-match.score, match.programme.title))[:limit]


def assess(programme: ProgrammeFacts, answers: Answers) -> Match | None:
    """How well one programme fits, or None when it is not for this person or fits on nothing that matters."""
    if is_ruled_out(programme, answers):
        return None
    core = core_fit(programme, answers)
    if not core:
        return None
    extras = [
        band_fit(programme, answers),
        offer_fit(programme, answers),
        time_fit(programme, answers),
        setting_fit(programme, answers),
        open_now_fit(programme),
    ]
    parts = [*core, *(part for part in extras if part)]
    return Match(programme, sum(points for points, _ in parts), tuple(reason for _, reason in parts if reason))


def is_ruled_out(programme: ProgrammeFacts, answers: Answers) -> bool:
    other_professions_only = (
        programme.professions
        and not programme.open_to_all_professions
        and answers.profession not in programme.professions
    )
    other_stages_only = programme.career_stages and not programme.career_stages & GOAL_STAGES[answers.goal]
    unwanted_positive_action = programme.positive_action and not answers.positive_action
    return bool(other_professions_only or other_stages_only or unwanted_positive_action)


def core_fit(programme: ProgrammeFacts, answers: Answers) -> list[tuple[int, str]]:
    """The fits that make a programme worth suggesting at all: career stage, profession, positive action."""
    parts = []
    stages = [stage for stage in STAGE_AUDIENCES if stage in programme.career_stages & GOAL_STAGES[answers.goal]]
    if stages:
        focused = programme.career_stages <= GOAL_STAGES[answers.goal]
        reason = "for " + " and ".join(STAGE_AUDIENCES[stage] for stage in stages)
        parts.append((STAGE_FIT + (FOCUSED_ON_STAGE if focused else 0), reason))
    if answers.profession in programme.professions:
        if len(programme.professions) <= SPECIFIC_PROFESSIONS:
            parts.append((SPECIFIC_PROFESSION_FIT, "aimed specifically at your profession"))
        else:
            parts.append((PROFESSION_FIT, "aimed at your profession"))
    if programme.positive_action and answers.positive_action:
        parts.append((POSITIVE_ACTION_FIT, POSITIVE_ACTION_REASON))
    return parts


def band_fit(programme: ProgrammeFacts, answers: Answers) -> tuple[int, str] | None:
    if programme.career_stages & BAND_STAGES.get(answers.band, set()):
        return BAND_FIT, "suits leaders at your band or grade"
    return None


def offer_fit(programme: ProgrammeFacts, answers: Answers) -> tuple[int, str] | None:
    """'free and open to all staff, self-paced', or as much of it as is true."""
    offers = []
    if programme.cost == "free":
        offers.append("free")
    if programme.open_to_all_professions:
        offers.append("open to all staff")
    points, text = OFFER_FIT * len(offers), " and ".join(offers)
    if programme.self_paced and answers.time in {"own_pace", "any"}:
        points += TIME_FIT
        text = f"{text}, self-paced" if text else "self-paced"
    return (points, text) if points else None


def time_fit(programme: ProgrammeFacts, answers: Answers) -> tuple[int, str] | None:
    limit = TIME_MONTHS.get(answers.time)
    if limit is None or programme.duration_months is None:
        return None
    if programme.duration_months <= limit:
        return TIME_FIT, f"takes {programme.duration_months} months, within the time you can give"
    return TOO_LONG, ""


def setting_fit(programme: ProgrammeFacts, answers: Answers) -> tuple[int, str] | None:
    wanted = {"online": ONLINE_FORMATS, "in_person": IN_PERSON_FORMATS}.get(answers.setting)
    if wanted and programme.format in wanted:
        return SETTING_FIT, "runs online" if answers.setting == "online" else "runs in person"
    return None


def open_now_fit(programme: ProgrammeFacts) -> tuple[int, str] | None:
    if programme.open_access:
        return OPEN_NOW, "you can start now"
    if programme.open_now:
        return OPEN_NOW, "open for applications now"
    if programme.open_now_demo:
        return 0, OPEN_NOW_DEMO_REASON
    return None
