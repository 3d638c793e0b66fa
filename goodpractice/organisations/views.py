"""Public pages of organisations: all regions with their practices, and one organisation."""

from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from goodpractice.operations import page_cache
from goodpractice.practices import summary
from goodpractice.practices.adoptions import adopted_by
from goodpractice.practices.models.index import PAGE_SIZE
from search.listing import practice_page

from .models import Organisation

# Finnish and Swedish sort å, ä and ö after z.
_NORDIC_ORDER = str.maketrans({"å": "z\x01", "ä": "z\x02", "ö": "z\x03"})


def alphabetical(name):
    return (name or "").lower().translate(_NORDIC_ORDER)


def paginate(request, filters):
    """One page of the practices matching `filters`, newest first, and the query string
    that keeps the other parameters."""
    page = practice_page(filters, None, request.GET.get("page"), PAGE_SIZE)
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


def regions_with_counts():
    """Every county and Helsinki in the reader's alphabetical order, with `.practice_count`."""
    tally = summary.counts()
    regions = sorted(Organisation.objects.regions(), key=lambda org: alphabetical(org.name))
    for region in regions:
        region.practice_count = tally.region(region.pk)
    return regions


def organisation_list(request):
    tally = summary.counts()
    active = Organisation.objects.filter(pk__in=tally.organisation_ids).order_by()
    members = {}
    others = []
    for organisation in sorted(active, key=lambda org: alphabetical(org.name)):
        organisation.practice_count = tally.organisation(organisation.pk)
        if organisation.region_id is None:
            others.append(organisation)
        elif organisation.region_id != organisation.pk:
            members.setdefault(organisation.region_id, []).append(organisation)
    regions = regions_with_counts()
    for region in regions:
        region.own_practice_count = tally.organisation(region.pk)
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
    page_cache.depends_on(request, f"organisation:{organisation.pk}")
    if organisation.is_region:
        # A county's page shows its own practices and those of its municipalities.
        tally = summary.counts()
        members = sorted(
            Organisation.objects.filter(pk__in=tally.organisation_ids, region=organisation).exclude(
                pk=organisation.pk
            ),
            key=lambda org: alphabetical(org.name),
        )
        for member in members:
            member.practice_count = tally.organisation(member.pk)
        filters = {"county": organisation}
    else:
        members = []
        filters = {"organisation": organisation}
    page, query_string = paginate(request, filters)
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
