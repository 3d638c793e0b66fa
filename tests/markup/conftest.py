"""Every public page type in Finnish and Swedish, rendered by the test client with real
content: a round open for nominations, an announced round, practices in the search index."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from goodpractice.practices.models import PracticeIndexPage, PracticePage
from home.models import AccessibilityStatementPage, ContactPage, PrivacyNoticePage
from tests.factories import make_practice
from tests.search.conftest import engine, opensearch_url, refresh  # noqa: F401

LANGUAGES = ("fi", "sv")


def _url(name, language, *args):
    with translation.override(language):
        return reverse(name, args=args)


def _info(model, language):
    return model.objects.get(locale__language_code=language).url


def _version(page, language):
    return PracticePage.objects.get(
        translation_key=page.translation_key, locale__language_code=language
    )


@pytest.fixture
def world(engine):  # noqa: F811
    from tests.awards.announced import decided_round
    from tests.awards.factories import make_round, shifted_schedule

    practice = make_practice(
        title="Sisukas",
        themes=("school-support",),
        target_groups=("school-age",),
        organisations=("853",),
        contact_name="Liisa Laine",
        contact_title="Johtava sosiaalityöntekijä",
        contact_email="liisa.laine@turku.example",
        featured=True,
    )
    make_practice(title="Perhekeskus", themes=("family-centre",), organisations=("VS",))
    decided_round(2025, practice=practice)
    make_round(2027, schedule=shifted_schedule(timezone.localdate(), "nomination"))
    refresh(engine)
    return {"practice": practice}


def public_pages(world, language):
    """(name, method, path, data) of every public page type in one language."""
    practice = _version(world["practice"], language)
    index = PracticeIndexPage.objects.get(locale__language_code=language).url
    statement = _info(AccessibilityStatementPage, language)
    pages = [
        ("home", "get", f"/{language}/", None),
        ("listing", "get", index, None),
        ("listing-filtered", "get", f"{index}?theme=school-support&target_group=school-age", None),
        ("practice", "get", practice.url, None),
        ("themes", "get", _url("theme_list", language), None),
        ("theme", "get", _url("theme_detail", language, "school-support"), None),
        ("organisations", "get", _url("organisation_list", language), None),
        ("organisation", "get", world["practice"].organisations.first().get_absolute_url(), None),
        ("map", "get", _url("practice_map", language), None),
        ("search", "get", _url("search", language) + "?q=sisukas", None),
        ("search-none", "get", _url("search", language) + "?q=qwxzvbnm", None),
        ("search-empty", "get", _url("search", language), None),
        ("prize", "get", _url("awards_index", language), None),
        ("prize-round", "get", _url("awards_round", language, 2025), None),
        ("nominate", "get", _url("awards_nominate", language), None),
        ("nominate-errors", "post", _url("awards_nominate", language), {"title": ""}),
        ("nominate-thanks", "get", _url("awards_nomination_thanks", language), None),
        ("account-request", "get", _url("account_request", language), None),
        ("account-request-errors", "post", _url("account_request", language), {"name": ""}),
        ("account-request-thanks", "get", _url("account_request_thanks", language), None),
        ("not-found", "get", f"/{language}/ei-ole-olemassa/", None),
        ("accessibility", "get", statement, None),
        ("accessibility-errors", "post", statement, {"message": "", "email": "x"}),
        ("accessibility-sent", "get", f"{statement}?sent=1", None),
        ("privacy", "get", _info(PrivacyNoticePage, language), None),
        ("contact", "get", _info(ContactPage, language), None),
    ]
    return pages


@pytest.fixture
def rendered(world, tmp_path):
    """{"fi-home": (path, html), ...} of every page; each page is also saved as a file."""
    client = Client()
    pages = {}
    for language in LANGUAGES:
        for name, method, path, data in public_pages(world, language):
            response = getattr(client, method)(path, data) if data is not None else client.get(path)
            expected = 404 if name == "not-found" else 200
            assert response.status_code == expected, (path, response.status_code)
            html = response.content.decode()
            (tmp_path / f"{language}-{name}.html").write_text(html)
            pages[f"{language}-{name}"] = (path, html)
    return pages
