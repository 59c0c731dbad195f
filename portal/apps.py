from django.apps import AppConfig
from django.contrib.admin.apps import AdminConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "People and places"

    def ready(self):
        from django.core.signals import request_finished

        from .models import IcsLead, User
        from .personal_data import PERSONAL_DATA
        from .personal_data_registry import personal_data_register
        from .request_ids import request_id_clear
        from .signed_in import signed_in_connect, signed_in_forget_when_changed

        personal_data_register(PERSONAL_DATA)
        signed_in_connect(User)
        signed_in_forget_when_changed(IcsLead, "user")
        request_finished.connect(request_id_clear, dispatch_uid="request-id-clear")


class PortalAdminConfig(AdminConfig):
    """The Django admin, on the portal's site (portal.admin_site)."""

    default_site = "portal.admin_site.PortalAdminSite"
