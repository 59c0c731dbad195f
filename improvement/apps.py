from django.apps import AppConfig


class ImprovementConfig(AppConfig):
    name = "improvement"
    verbose_name = "Improvement projects"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from enrolment.discovery.cache import catalogue_changed
        from portal.personal_data_registry import personal_data_register
        from portal.programme_panels import programme_panel_register

        from .personal_data import PERSONAL_DATA
        from .selectors import PROGRAMME_PANEL

        personal_data_register(PERSONAL_DATA)
        programme_panel_register(PROGRAMME_PANEL)
        # A programme's cached page shows its public projects: a change to one gives the catalogue a new version.
        for signal, uid in ((post_save, "improvement-saved"), (post_delete, "improvement-deleted")):
            signal.connect(catalogue_changed, sender="improvement.ImprovementProject", dispatch_uid=uid)
