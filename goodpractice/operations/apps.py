from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    """Running the site: backups, health, security headers, sign-in throttling, logs,
    page caching and queued e-mail."""

    name = "goodpractice.operations"
    verbose_name = _("Operations")

    def ready(self):
        from . import login_throttle  # noqa: F401  (connects its signal receivers)
        from .page_cache import connect_signals
        from .spreadsheets import guard_wagtail_exports

        connect_signals()
        guard_wagtail_exports()
