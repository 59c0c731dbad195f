from django.apps import AppConfig


class SelfAssessmentConfig(AppConfig):
    name = "selfassessment"
    verbose_name = "Self-assessment"

    def ready(self):
        from portal.personal_data_registry import personal_data_register

        from .personal_data import PERSONAL_DATA

        personal_data_register(PERSONAL_DATA)
