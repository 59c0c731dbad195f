from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "People and places"

    def ready(self):
        from .personal_data import PERSONAL_DATA
        from .personal_data_registry import personal_data_register

        personal_data_register(PERSONAL_DATA)


class PortalAdminConfig(AdminConfig):
    """The Django admin, on the portal's site (portal.admin_site)."""

    default_site = "portal.admin_site.PortalAdminSite"
