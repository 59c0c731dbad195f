from django.apps import AppConfig


class EnrolmentConfig(AppConfig):
    name = "enrolment"

    def ready(self):
        from portal.personal_data_registry import personal_data_register

        from .discovery.cache import connect_signals
        from .personal_data import PERSONAL_DATA

        personal_data_register(PERSONAL_DATA)
        connect_signals()
