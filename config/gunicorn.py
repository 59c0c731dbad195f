"""gunicorn's settings file for production: `gunicorn -c python:config.gunicorn config.wsgi:application`.

With PROMETHEUS_MULTIPROC_DIR set (an empty folder, emptied before gunicorn starts), every worker keeps its
request metrics there and /metrics adds them up (portal.metrics); a worker that exits has its live figures
(gauges) removed, its counts kept.
"""

import os

from prometheus_client import multiprocess


def child_exit(server, worker):
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.mark_process_dead(worker.pid)
