"""The benchmark's settings: production's, with the benchmark's URLs (its no-work view) added beside the portal's.

Nothing of this is in production: the no-work view exists only when this module is the settings module.
BENCHMARK_STATIC_ROOT lets the smoke test collect static files into a folder of its own.
"""

from config.settings.production import *  # noqa: F403
from config.settings.production import STATIC_ROOT, env

ROOT_URLCONF = "benchmarks.urls"
STATIC_ROOT = env.path("BENCHMARK_STATIC_ROOT", default=str(STATIC_ROOT))
