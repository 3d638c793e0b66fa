from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """Personal data: the registry of every field that holds it, a person's export and
    erasure, and the retention clean-up."""

    name = "goodpractice.privacy"
    label = "privacy"
    verbose_name = _("Personal data")

    def ready(self):
        # Each app lists its personal data in its own personal_data.py.
        autodiscover_modules("personal_data")
