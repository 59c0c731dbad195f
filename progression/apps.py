from django.apps import AppConfig


class ProgressionConfig(AppConfig):
    name = "progression"
    verbose_name = "Progression after a programme"

    def ready(self):
        from portal.personal_data_registry import personal_data_register

        from .personal_data import PERSONAL_DATA

        personal_data_register(PERSONAL_DATA)
