"""Keep every practice visible in every language's site.

A practice is written in one language and lives in that locale's tree. Every other locale
gets an alias of it (Wagtail keeps aliases in sync with their original) until someone
translates it with wagtail-localize, which turns the alias into a real translation.
"""

from wagtail.models import Locale, Page


def ensure_aliases(page):
    """Create an alias of page in every locale that has no version of it yet."""
    existing = set(
        Page.objects.filter(translation_key=page.translation_key).values_list(
            "locale_id", flat=True
        )
    )
    created = []
    for locale in Locale.objects.exclude(pk__in=existing):
        created.append(page.copy_for_translation(locale, copy_parents=True, alias=True))
    return created
