"""The small number under which a published count, or a figure worked out from so few people, is not shown.

Written once here, in the base layer, so that reporting's suppression and the apps below reporting (the
self-assessment's aggregate for academies) apply the same threshold without importing upward.
"""

SMALL_NUMBER = 5
SUPPRESSED = "[c]"
