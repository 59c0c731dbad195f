from django.apps import AppConfig


class CoachingConfig(AppConfig):
    name = "coaching"
    verbose_name = "Coaching and mentoring register"

    def ready(self):
        from portal.personal_data_registry import personal_data_register

        from .personal_data import PERSONAL_DATA

        personal_data_register(PERSONAL_DATA)
