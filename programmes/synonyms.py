"""The words people search the catalogue with, and the other words the sources use for the same thing.

One table of data: each row is a set of terms that mean the same, as a reader of the sources
(../shared/seeds/catalogue-facts.md) and the people they name would use them. A search that contains one term
also finds programmes that use any other term of its row (programmes/search.py), on PostgreSQL and SQLite alike.
"""

import re

SYNONYMS: tuple[frozenset[str], ...] = tuple(
    frozenset(row)
    for row in (
        {
            "bame",
            "bme",
            "black, asian and minority ethnic",
            "black and minority ethnic",
            "ethnic minority",
            "ethnic minorities",
            "minority ethnic",
        },
        {"nurse", "nurses", "nursing"},
        {"midwife", "midwives", "midwifery"},
        {"gp", "gps", "general practice", "general practices", "general practitioner", "general practitioners"},
        {"ahp", "ahps", "allied health professional", "allied health professionals", "therapist", "therapists"},
        {"coach", "coaches", "coaching", "mentor", "mentors", "mentoring"},
        {"rcn", "royal college of nursing"},
        {"cln", "clinical leaders network"},
        {"fmlm", "faculty of medical leadership and management"},
        {"hee", "health education england"},
        {"ics", "integrated care system", "integrated care systems"},
        {"stp", "stps", "sustainability and transformation partnership", "sustainability and transformation plan"},
        {"cpd", "continuing professional development"},
        {"qi", "quality improvement"},
        {"ceo", "chief executive", "chief executives"},
        {"online", "e-learning", "elearning"},
    )
)
# Words that, in a search, point to the coaching and mentoring register rather than (only) to programmes.
COACHING_TERMS = next(row for row in SYNONYMS if "coaching" in row)
# A search of many synonyms could multiply into many alternatives: this many is plenty.
MAX_ALTERNATIVES = 32


def _pattern(term: str) -> re.Pattern:
    return re.compile(r"(?<!\w)" + re.escape(term) + r"(?!\w)", re.IGNORECASE)


# Longest first, so "black and minority ethnic" is found before "minority ethnic".
_TERMS = sorted(((_pattern(term), row) for row in SYNONYMS for term in row), key=lambda pair: -len(pair[0].pattern))


def alternatives(text: str) -> list[str]:
    """`text` itself, then `text` with each term of the table it contains swapped for each of its synonyms."""
    variants, rows_seen = [text], []
    for pattern, row in _TERMS:
        if row in rows_seen or not pattern.search(text):
            continue
        rows_seen.append(row)
        variants += [pattern.sub(term, variant) for variant in variants for term in sorted(row)]
    return list(dict.fromkeys(variants))[:MAX_ALTERNATIVES]


# Every word of the table: a search takes these as meant, not as typos of a catalogue word.
KNOWN_WORDS = frozenset(word for row in SYNONYMS for term in row for word in re.findall(r"\w+", term))


def mentions_coaching(text: str) -> bool:
    return any(_pattern(term).search(text) for term in COACHING_TERMS)
