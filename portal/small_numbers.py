"""The small number under which a published count, or a figure worked out from so few people, is not shown.

Written once here, in the base layer, so that reporting's suppression and the apps below reporting (the
self-assessment's aggregate for academies) apply the same threshold without importing upward.
"""

SMALL_NUMBER = 5
SUPPRESSED = "[c]"
ROUNDING_BASE = 5


def published(count: int) -> int | None:
    """What a reader may see of a count of people that can be looked at again and again (filtered, or as it
    grows): None (suppressed) under the small number, else the nearest multiple of ROUNDING_BASE. Counts are
    whole numbers, so no count falls halfway. Every difference of two published counts is then a multiple of 5,
    so no subtraction of them gives a count of 1 to 4 back (reporting.funnel says more)."""
    if count < SMALL_NUMBER:
        return None
    return ROUNDING_BASE * round(count / ROUNDING_BASE)
