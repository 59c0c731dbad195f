"""The benchmark's settings: production's, with the benchmark's URLs (its no-work view) added beside the portal's.

Nothing of this is in production: the no-work view and devdata exist only when this module is the settings module.
BENCHMARK_STATIC_ROOT lets the smoke test collect static files into a folder of its own.
"""

from config.settings.base import DEVDATA_APP
from config.settings.production import *  # noqa: F403
from config.settings.production import INSTALLED_APPS, STATIC_ROOT, env

ROOT_URLCONF = "benchmarks.urls"
# The scale data set and the benchmark commands (devdata/), which production leaves out.
INSTALLED_APPS = [*INSTALLED_APPS, DEVDATA_APP]
STATIC_ROOT = env.path("BENCHMARK_STATIC_ROOT", default=str(STATIC_ROOT))
