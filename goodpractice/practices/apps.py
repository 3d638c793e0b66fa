from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "goodpractice.practices"
    label = "practices"
    verbose_name = _("Good practices")

    def ready(self):
        from wagtail.models import Page
        from wagtail.permissions import register_permission_policy

        from . import signals, workflow_names  # noqa: F401
        from .permissions import OrganisationScopedPagePolicy

        # Before anything asks for the page policy: contributors see only their own practices.
        register_permission_policy(Page, OrganisationScopedPagePolicy(Page))
        workflow_names.connect()
