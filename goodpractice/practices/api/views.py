"""The open data API: thin views over queries.py, forms.py and presenters.py."""

from django.core.paginator import EmptyPage, Paginator
from django.utils.translation import gettext as _

from ..adoptions import adoptions_of
from ..filters import apply_filters
from ..models import PracticePage
from ..queries import open_data_practices
from . import presenters
from .forms import ApiFilterForm, PageForm, form_errors
from .responses import error_response, json_response, open_data


@open_data
def api_index(request):
    return json_response(presenters.api_index(request))


@open_data
def practice_list(request):
    filters = ApiFilterForm(request.GET)
    paging = PageForm(request.GET)
    if not (filters.is_valid() and paging.is_valid()):
        return error_response(400, errors=form_errors(filters, paging))
    practices = apply_filters(open_data_practices(), filters.active_filters())
    paginator = Paginator(practices, paging.cleaned_data["page_size"])
    try:
        page_obj = paginator.page(paging.cleaned_data["page"])
    except EmptyPage:
        return error_response(404, _("There is no page with this number."))
    return json_response(presenters.practice_list(page_obj, request))


@open_data
def practice_detail(request, pk):
    practices = open_data_practices().prefetch_related("keywords", "links", "documents__document")
    page = practices.filter(pk=pk).first()
    if page is None:
        return error_response(404, _("No published practice has this id."))
    translations = (
        PracticePage.objects.live()
        .public()
        .filter(translation_key=page.translation_key, alias_of__isnull=True)
        .exclude(pk=page.pk)
        .order_by("language", "pk")
    )
    return json_response(
        presenters.practice_detail(page, translations, adoptions_of(page), request)
    )
