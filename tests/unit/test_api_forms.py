"""Query parameters of the open data API, without a database."""

import pytest
from django.http import QueryDict
from django.utils import translation

from goodpractice.practices.api.forms import ApiFilterForm, PageForm, form_errors
from goodpractice.practices.filters import PracticeFilterForm


def page_form(query):
    form = PageForm(QueryDict(query))
    assert form.is_valid(), form.errors
    return form.cleaned_data


def test_paging_defaults_to_the_first_page_of_twenty():
    assert page_form("") == {"page": 1, "page_size": 20}
    assert page_form("page=&page_size=") == {"page": 1, "page_size": 20}


def test_a_larger_page_size_is_served_at_the_maximum():
    assert page_form("page=3&page_size=50") == {"page": 3, "page_size": 50}
    assert page_form("page_size=100")["page_size"] == 100
    assert page_form("page_size=100000")["page_size"] == 100


@pytest.mark.parametrize("query", ["page=0", "page=-1", "page=x", "page_size=0", "page_size=1.5"])
def test_nonsense_paging_is_an_error_named_by_parameter(query):
    form = PageForm(QueryDict(query))
    with translation.override("en"):
        errors = form_errors(form)
    assert list(errors) == [query.split("=")[0]]
    assert all(isinstance(message, str) for message in errors[query.split("=")[0]])


def test_the_api_filters_are_the_public_sites_without_free_text():
    # Free-text search has its own endpoint, /api/search/.
    assert set(ApiFilterForm.base_fields) == set(PracticeFilterForm.base_fields) - {"q"}
    assert set(ApiFilterForm.base_fields) == {
        "theme",
        "target_group",
        "county",
        "municipality",
        "organisation",
        "language",
        "evidence_level",
        "status",
        "year",
    }
