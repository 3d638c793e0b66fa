"""GET /api/search/: the search as open data, with the same filters as /api/practices/."""

from django.http import JsonResponse
from django.utils import translation
from django.views.decorators.http import require_GET

from goodpractice.i18n import CONTENT_LANGUAGES, current_language
from goodpractice.practices.api.responses import HtmlSafeJSONEncoder
from goodpractice.site_url import absolute_url

from . import service
from .queries import SearchParams

DEFAULT_PAGE_SIZE = 20


@require_GET
def search_api(request):
    lang = request.GET.get("lang")
    lang = lang if lang in CONTENT_LANGUAGES else current_language()
    params = SearchParams.from_query(request.GET, lang, page_size=DEFAULT_PAGE_SIZE)
    with translation.override(lang):
        result = service.search(params, language=lang)
        facets = {
            name: [
                {"value": v["value"], "label": str(v["label"]), "count": v["count"]} for v in values
            ]
            for name, values in result.facets.items()
        }
    return JsonResponse(
        {
            "count": result.count,
            "page": params.page,
            "page_size": params.page_size,
            "results": [
                {
                    "title": item["title"],
                    "url": absolute_url(item["path"] or item["url"]),
                    "language": item["language"],
                    "summary": item["summary"],
                    "highlight": str(item["highlight"]),
                }
                for item in result.results
            ],
            "facets": facets,
            "suggestion": result.suggestion,
            "backend": result.backend,
        },
        encoder=HtmlSafeJSONEncoder,
        json_dumps_params={"ensure_ascii": False},
    )
