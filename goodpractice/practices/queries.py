"""Read-side queries for practices, shared by pages, feeds and the API."""

from django.db.models import Count, OuterRef, Prefetch, Subquery, Value
from django.db.models.functions import Coalesce
from wagtail.models import Locale

from goodpractice.organisations.models import Organisation

from .models import Adoption, PracticePage


def _with_relations(queryset):
    return queryset.select_related("evidence_level", "locale", "image").prefetch_related(
        "themes",
        "target_groups",
        Prefetch("organisations", queryset=Organisation.objects.select_related("region")),
    )


def public_practices(language=None):
    """Live practices as listed in one language's site.

    Every practice has a page in every locale (its translation, or an alias that shows
    the original text), so one locale's pages list each practice exactly once.
    """
    locale = Locale.get_active() if language is None else Locale.objects.get(language_code=language)
    return _with_relations(PracticePage.objects.live().public().filter(locale=locale))


def with_adoption_count(queryset):
    """Annotate `adoption_count`: adoptions of the practice in any language version."""
    counts = (
        Adoption.objects.filter(practice__translation_key=OuterRef("translation_key"))
        .order_by()
        .values("practice__translation_key")
        .annotate(count=Count("pk"))
        .values("count")
    )
    return queryset.annotate(adoption_count=Coalesce(Subquery(counts[:1]), Value(0)))


def open_data_practices():
    """Live practices as written: originals and real translations, no aliases."""
    return with_adoption_count(
        _with_relations(PracticePage.objects.live().public().filter(alias_of__isnull=True))
    ).order_by("-last_published_at", "pk")


def newest(queryset, count):
    return queryset.order_by("-first_published_on", "-pk")[:count]
