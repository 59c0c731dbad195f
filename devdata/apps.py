from django.apps import AppConfig


class DevdataConfig(AppConfig):
    """Demo, scale and benchmark data: installed on a developer's machine (DEBUG), in the tests and under the
    benchmark's settings, never in production. It may use every app; no app may use it."""

    name = "devdata"
    verbose_name = "Demo, scale and benchmark data"
