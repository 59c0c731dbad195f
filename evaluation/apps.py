from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    name = "evaluation"
    verbose_name = "Evaluation feedback"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from enrolment.discovery.cache import catalogue_changed
        from portal.personal_data_registry import personal_data_register
        from portal.programme_panels import programme_panel_register

        from .personal_data import PERSONAL_DATA
        from .selectors import PROGRAMME_PANEL

        personal_data_register(PERSONAL_DATA)
        programme_panel_register(PROGRAMME_PANEL)
        # A programme's cached page shows its average rating: a new or erased answer gives the catalogue a new version.
        for signal, uid in ((post_save, "evaluation-saved"), (post_delete, "evaluation-deleted")):
            signal.connect(catalogue_changed, sender="evaluation.FeedbackResponse", dispatch_uid=uid)
