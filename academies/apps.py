from django.apps import AppConfig


class AcademiesConfig(AppConfig):
    name = "academies"
