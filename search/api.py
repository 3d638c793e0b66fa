"""GET /api/search/: the search as open data, with the same filters as /api/practices/."""

from django.http import JsonResponse
from django.utils import translation
from django.views.decorators.http import require_GET

from goodpractice.i18n import CONTENT_LANGUAGES, current_language
from goodpractice.practices.api.responses import HtmlSafeJSONEncoder

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
                    "url": request.build_absolute_uri(item["path"] or item["url"]),
                    "language": item["language"],
                    "summary": item["summary"],
                    "highlight": str(item["highlight"]),
                }
                for item in result.results
            ],
            "facets": facets,
            "suggestion": result.suggestion,
            # The spelling correction applied because the query as typed found nothing
            # (the results are this query's; add exact=1 for the query as typed).
            "corrected_query": result.corrected_query,
            # No practice had every word: the results match most of them.
            "relaxed": result.relaxed,
            "words_not_found": result.words_not_found,
            "backend": result.backend,
        },
        encoder=HtmlSafeJSONEncoder,
        json_dumps_params={"ensure_ascii": False},
    )
