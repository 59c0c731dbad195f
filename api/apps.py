from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The REST API for partners (/api/v1/): it calls the same services and selectors as the pages, never models'
    save() of its own, so an API client can do nothing a person with the same role could not."""

    name = "api"
    verbose_name = "Partner API"
