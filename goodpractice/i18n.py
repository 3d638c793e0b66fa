"""Helpers for content that carries its own Finnish, Swedish and English versions."""

from django.conf import settings
from django.utils import translation

CONTENT_LANGUAGES = ("fi", "sv", "en")
# When a value is missing in the reader's language, fall back in this order.
FALLBACKS = {"fi": ("fi", "sv", "en"), "sv": ("sv", "fi", "en"), "en": ("en", "fi", "sv")}


def current_language():
    lang = (translation.get_language() or "fi").split("-")[0]
    return lang if lang in CONTENT_LANGUAGES else "fi"


def user_language(user):
    """The language a user reads e-mail in: their admin language, else the site's default."""
    profile = getattr(user, "wagtail_userprofile", None)
    language = getattr(profile, "preferred_language", "") or settings.LANGUAGE_CODE
    return language if language in CONTENT_LANGUAGES else settings.LANGUAGE_CODE


def localized_value(obj, field, language=None):
    """Return obj.<field>_<lang> in the given (or active) language, with fallbacks."""
    for lang in FALLBACKS[language or current_language()]:
        value = getattr(obj, f"{field}_{lang}", "")
        if value:
            return value
    return ""


class LocalizedNameMixin:
    """For models with name_fi, name_sv and name_en fields."""

    @property
    def name(self):
        return localized_value(self, "name")

    def __str__(self):
        return self.name
