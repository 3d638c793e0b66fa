"""Counts per theme, region and organisation, computed once per change instead of per page.

The home page, the theme and organisation lists, the map and the region pages show how
many published practices each theme, county and organisation has. Counting them is a
COUNT DISTINCT over the whole catalogue, so it is done once after a change and stored in
CatalogueSummary (one row per language site); changes mark the rows stale in their own
transaction (so a rolled-back change leaves them as they were), and the next page that
needs them counts again. A count computed while a change was being committed is not
stored: the change bumped the row's generation, so the conditional update misses.
"""

from django.db.models import Count, F

from goodpractice.i18n import current_language

from .models import Adoption, CatalogueSummary, PracticePage


def mark_stale():
    CatalogueSummary.objects.update(counts=None, generation=F("generation") + 1)


def _count(language):
    from .queries import public_practices

    practices = public_practices(language).values("pk")
    through = PracticePage.organisations.through
    links = through.objects.filter(practicepage__in=practices)
    regions = (
        links.filter(organisation__region__isnull=False)
        .values_list("organisation__region")
        .annotate(count=Count("practicepage", distinct=True))
    )
    organisations = links.values_list("organisation").annotate(
        count=Count("practicepage", distinct=True)
    )
    themes = (
        PracticePage.themes.through.objects.filter(practicepage__in=practices)
        .values_list("theme")
        .annotate(count=Count("practicepage", distinct=True))
    )
    adoptions = (
        Adoption.objects.public()
        .filter(organisation__region__isnull=False)
        .values_list("organisation__region")
        .annotate(count=Count("pk"))
    )
    return {
        "total": PracticePage.objects.filter(pk__in=practices).count(),
        "themes": dict(themes.order_by()),
        "regions": dict(regions.order_by()),
        "organisations": dict(organisations.order_by()),
        "region_adoptions": dict(adoptions.order_by()),
        "adoptions": Adoption.objects.public().count(),
    }


def _from_json(stored):
    return {
        name: {int(pk): n for pk, n in value.items()} if isinstance(value, dict) else value
        for name, value in stored.items()
    }


class Counts:
    """Read-only view of one language's counts: `.theme(pk)`, `.region(pk)`, ..."""

    def __init__(self, data):
        self.data = data
        self.total = data["total"]
        self.adoption_total = data["adoptions"]

    def _get(self, name, pk):
        return self.data[name].get(pk, 0)

    def theme(self, pk):
        return self._get("themes", pk)

    def region(self, pk):
        return self._get("regions", pk)

    def organisation(self, pk):
        return self._get("organisations", pk)

    def region_adoptions(self, pk):
        return self._get("region_adoptions", pk)

    @property
    def organisation_ids(self):
        return [pk for pk, n in self.data["organisations"].items() if n]


def counts(language=None):
    """The counts of the published practices in `language`'s site (default: the reader's)."""
    language = language or current_language()
    row = CatalogueSummary.objects.filter(language=language).values("generation", "counts").first()
    if row and row["counts"] is not None:
        return Counts(_from_json(row["counts"]))
    data = _count(language)
    # Stored in the reader's transaction: counts that saw a change not yet committed are
    # rolled back with it.
    if row is None:
        CatalogueSummary.objects.get_or_create(language=language, defaults={"counts": data})
    else:
        CatalogueSummary.objects.filter(
            language=language, generation=row["generation"], counts__isnull=True
        ).update(counts=data)
    return Counts(data)
