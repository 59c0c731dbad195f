from django.apps import AppConfig


class AcademiesConfig(AppConfig):
    name = "academies"

    def ready(self):
        from portal.personal_data_registry import personal_data_register

        from .personal_data import PERSONAL_DATA

        personal_data_register(PERSONAL_DATA)
