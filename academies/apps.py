from django.apps import AppConfig


class AcademiesConfig(AppConfig):
    name = "academies"

    def ready(self):
        from portal.personal_data_registry import personal_data_register
        from portal.signed_in import signed_in_forget_when_changed

        from .models import AcademyAdmin
        from .personal_data import PERSONAL_DATA

        personal_data_register(PERSONAL_DATA)
        signed_in_forget_when_changed(AcademyAdmin, "user")
