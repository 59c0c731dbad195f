from django.apps import AppConfig


class ProgrammesConfig(AppConfig):
    name = "programmes"
    verbose_name = "Catalogue"

    def ready(self):
        from .cache import connect_signals

        connect_signals()
