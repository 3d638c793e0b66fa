from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    name = "goodpractice.awards"
    label = "awards"
    verbose_name = _("Prize")

    def ready(self):
        from . import assignment, attachments  # noqa: F401  (connect their signal receivers)
