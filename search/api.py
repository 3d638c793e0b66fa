"""GET /api/search/: the search as open data, with the same filters as /api/practices/."""

from goodpractice.practices.api.responses import json_response, open_data, response_language
from goodpractice.site_url import absolute_url

from . import service
from .queries import SearchParams

DEFAULT_PAGE_SIZE = 20


@open_data
def search_api(request):
    lang = response_language(request)  # open_data has made it the active language
    params = SearchParams.from_query(request.GET, lang, page_size=DEFAULT_PAGE_SIZE)
    result = service.search(params, language=lang)
    facets = {
        name: [{"value": v["value"], "label": str(v["label"]), "count": v["count"]} for v in values]
        for name, values in result.facets.items()
    }
    return json_response(
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
            # The spelling correction applied because the query as typed found nothing
            # (the results are this query's; add exact=1 for the query as typed).
            "corrected_query": result.corrected_query,
            # No practice had every word: the results match most of them.
            "relaxed": result.relaxed,
            "words_not_found": result.words_not_found,
            "backend": result.backend,
        }
    )
