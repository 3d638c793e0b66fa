"""Public pages built from the taxonomy and the regions: themes and the map."""

import math

from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from goodpractice.operations import page_cache
from goodpractice.organisations.views import paginate, regions_with_counts

from . import summary
from .finland_map import finland_map
from .models import Theme

# Sequential blues, light to dark. Colour is never the only carrier: every county's count
# is also in the title of its shape and in the table beside the map.
MAP_COLOURS = ["#e3e8ed", "#c6dbef", "#85b6dc", "#3f84be", "#1b4f86"]


def themes_with_counts():
    """Every theme with `.practice_count`: its practices in the reader's language site."""
    tally = summary.counts()
    themes = list(Theme.objects.order_by("sort_order", "name_fi"))
    for theme in themes:
        theme.practice_count = tally.theme(theme.pk)
    return themes


def theme_list(request):
    return render(
        request,
        "practices/theme_list.html",
        {"themes": themes_with_counts(), "page_title": _("Themes")},
    )


def theme_detail(request, slug):
    theme = get_object_or_404(Theme, slug=slug)
    page_cache.depends_on(request, f"theme:{theme.pk}")
    page, query_string = paginate(request, {"theme": theme})
    return render(
        request,
        "practices/theme_detail.html",
        {
            "theme": theme,
            "page_title": theme.name,
            "meta_description": theme.description,
            "practices": page,
            "result_count": page.paginator.count,
            "query_string": query_string,
        },
    )


def colour_classes(maximum):
    """Legend classes [(low, high, colour)]: zero, then up to four ranges up to maximum."""
    steps = len(MAP_COLOURS) - 1
    classes = [(0, 0, MAP_COLOURS[0])]
    low = 1
    for step in range(1, steps + 1):
        high = math.ceil(maximum * step / steps)
        if high >= low:
            classes.append((low, high, MAP_COLOURS[step]))
            low = high + 1
    return classes


def map_regions():
    """Counties and Helsinki with their practice and adoption counts, map outline, fill
    colour and the place of the adoption marker."""
    outlines = finland_map().regions
    centres = finland_map().centres
    regions = regions_with_counts()
    tally = summary.counts()
    classes = colour_classes(max((region.practice_count for region in regions), default=0))
    for region in regions:
        region.adoption_count = tally.region_adoptions(region.pk)
        region.map_path = outlines.get(region.code, "")
        region.map_centre = centres.get(region.code)
        region.map_colour = next(
            colour for low, high, colour in classes if low <= region.practice_count <= high
        )
    return regions, classes


def practice_map(request):
    regions, classes = map_regions()
    tally = summary.counts()
    return render(
        request,
        "practices/practice_map.html",
        {
            "regions": regions,
            "legend": classes,
            "map": finland_map(),
            "practice_total": tally.total,
            "adoption_total": tally.adoption_total,
            "page_title": _("Practices on the map"),
            "meta_description": _(
                "Good practices in child protection and their adoptions by wellbeing "
                "services county, on a map and in a table."
            ),
        },
    )
