from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "People and places"

    def ready(self):
        from .personal_data import PERSONAL_DATA
        from .personal_data_registry import personal_data_register

        personal_data_register(PERSONAL_DATA)
