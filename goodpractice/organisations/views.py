"""Public pages of organisations: all regions with their practices, and one organisation."""

from django.core.paginator import Paginator
from django.db.models import Count
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from goodpractice.practices.adoptions import adopted_by
from goodpractice.practices.models import PracticePage
from goodpractice.practices.models.index import PAGE_SIZE
from goodpractice.practices.queries import public_practices

from .models import Organisation

# Finnish and Swedish sort å, ä and ö after z.
_NORDIC_ORDER = str.maketrans({"å": "z\x01", "ä": "z\x02", "ö": "z\x03"})


def alphabetical(name):
    return (name or "").lower().translate(_NORDIC_ORDER)


def paginate(request, queryset):
    """One page of practices and the query string that keeps the other parameters."""
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


def organisation_practice_counts(practices):
    """{organisation id: number of the given practices it runs}."""
    through = PracticePage.organisations.through
    rows = (
        through.objects.filter(practicepage__in=practices.values("pk"))
        .values("organisation")
        .annotate(count=Count("practicepage", distinct=True))
    )
    return {row["organisation"]: row["count"] for row in rows}


def region_practice_counts(practices):
    """{region id: number of the given practices run in that county (or Helsinki)}."""
    through = PracticePage.organisations.through
    rows = (
        through.objects.filter(
            practicepage__in=practices.values("pk"), organisation__region__isnull=False
        )
        .values("organisation__region")
        .annotate(count=Count("practicepage", distinct=True))
    )
    return {row["organisation__region"]: row["count"] for row in rows}


def regions_with_counts(practices=None):
    """Every county and Helsinki in the reader's alphabetical order, with `.practice_count`."""
    counts = region_practice_counts(practices if practices is not None else public_practices())
    regions = sorted(Organisation.objects.regions(), key=lambda org: alphabetical(org.name))
    for region in regions:
        region.practice_count = counts.get(region.pk, 0)
    return regions


def organisation_list(request):
    practices = public_practices()
    counts = organisation_practice_counts(practices)
    active = Organisation.objects.filter(pk__in=counts).order_by()
    members = {}
    others = []
    for organisation in sorted(active, key=lambda org: alphabetical(org.name)):
        organisation.practice_count = counts[organisation.pk]
        if organisation.region_id is None:
            others.append(organisation)
        elif organisation.region_id != organisation.pk:
            members.setdefault(organisation.region_id, []).append(organisation)
    regions = regions_with_counts(practices)
    for region in regions:
        region.own_practice_count = counts.get(region.pk, 0)
        region.active_members = members.get(region.pk, [])
    return render(
        request,
        "organisations/organisation_list.html",
        {
            "counties": [region for region in regions if region.kind == Organisation.Kind.COUNTY],
            "helsinki": next((r for r in regions if r.kind != Organisation.Kind.COUNTY), None),
            "other_organisations": others,
            "page_title": _("Organisations"),
            "meta_description": _(
                "Wellbeing services counties, municipalities and other organisations "
                "that have published good practices in child protection."
            ),
        },
    )


def organisation_detail(request, slug):
    organisation = get_object_or_404(Organisation.objects.select_related("region"), slug=slug)
    practices = public_practices()
    if organisation.is_region:
        # A county's page shows its own practices and those of its municipalities.
        listed = practices.filter(organisations__region=organisation)
        counts = organisation_practice_counts(listed)
        members = sorted(
            Organisation.objects.filter(pk__in=counts, region=organisation).exclude(
                pk=organisation.pk
            ),
            key=lambda org: alphabetical(org.name),
        )
        for member in members:
            member.practice_count = counts[member.pk]
    else:
        listed = practices.filter(organisations=organisation)
        members = []
    listed = listed.distinct().order_by("-first_published_on", "pk")
    page, query_string = paginate(request, listed)
    return render(
        request,
        "organisations/organisation_detail.html",
        {
            "organisation": organisation,
            "page_title": organisation.name,
            "members": members,
            "adopted": adopted_by(organisation),
            "practices": page,
            "result_count": page.paginator.count,
            "query_string": query_string,
        },
    )
