from django.apps import AppConfig


class EnrolmentConfig(AppConfig):
    name = "enrolment"

    def ready(self):
        from academies.permissions import held_roles_register
        from portal.personal_data_registry import personal_data_register

        from .discovery.cache import connect_signals
        from .permissions import HOLDS_NOMINATION, nominators_forget_when_changed
        from .personal_data import PERSONAL_DATA

        personal_data_register(PERSONAL_DATA)
        held_roles_register(holds_nomination=HOLDS_NOMINATION)
        nominators_forget_when_changed()
        connect_signals()
