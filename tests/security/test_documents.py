"""Documents belong to an organisation (or the editors) and are public only when used."""

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from wagtail.documents import get_document_model
from wagtail.test.utils.form_data import inline_formset

from goodpractice.practices.models import PracticeIndexPage, PracticePage
from goodpractice.practices.models.practice import PracticeDocument
from tests.factories import make_member, make_practice, make_user
from tests.integration.test_practice_admin import practice_form

from .responses import response_text

TURKU, HELSINKI = "853", "091"
B_DOCUMENT = "Helsingin sisäinen muistio"


def signed_in(user):
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


def upload(user, title):
    return get_document_model().objects.create(
        title=title,
        file=ContentFile(b"%PDF-1.4 test", name="muistio.pdf"),
        uploaded_by_user=user,
    )


@pytest.fixture
def world(site):
    b_author = make_member(HELSINKI)
    document = upload(b_author, B_DOCUMENT)
    draft = make_practice(title="Helsingin luonnos", organisations=(HELSINKI,), publish=False)
    PracticeDocument.objects.create(page=draft, document=document)
    draft.save()
    return {"b_author": b_author, "document": document, "draft": draft}


@pytest.mark.parametrize(
    "url",
    [
        "/admin/api/main/documents/",
        reverse("wagtaildocs_chooser:choose"),
        reverse("wagtaildocs_chooser:choose_results"),
        reverse("wagtaildocs:index"),
    ],
)
@pytest.mark.parametrize("who", ["contributor", "juror"])
def test_others_documents_are_not_listed(world, url, who):
    user = make_member(TURKU) if who == "contributor" else make_user(groups=("Jury",))
    response = signed_in(user).get(url)
    assert B_DOCUMENT not in response_text(response)


def test_another_organisations_document_cannot_be_attached_by_id(world):
    client = signed_in(make_member(TURKU))
    index = PracticeIndexPage.objects.get(locale__language_code="fi")
    url = reverse("wagtailadmin_pages:add", args=("practices", "practicepage", index.pk))
    form = practice_form(documents=inline_formset([{"document": world["document"].pk}]))
    response = client.post(url, form)
    assert response.status_code == 200  # the form again, with an error
    assert not PracticePage.objects.filter(slug="perhekeskus-hallinnasta").exists()


def test_own_document_can_be_attached(world):
    client = signed_in(world["b_author"])
    index = PracticeIndexPage.objects.get(locale__language_code="fi")
    url = reverse("wagtailadmin_pages:add", args=("practices", "practicepage", index.pk))
    form = practice_form(documents=inline_formset([{"document": world["document"].pk}]))
    form["organisations"] = [world["draft"].organisations.get().pk]
    response = client.post(url, form)
    assert response.status_code == 302, response_text(response)[:2000]


def serve_url(document):
    return reverse("wagtaildocs_serve", args=(document.pk, document.filename))


def test_a_document_only_a_draft_uses_is_not_public(world):
    assert Client().get(serve_url(world["document"])).status_code == 404
    assert signed_in(make_member(TURKU)).get(serve_url(world["document"])).status_code == 404
    # Its organisation and the editors still download it.
    assert signed_in(make_member(HELSINKI)).get(serve_url(world["document"])).status_code == 200
    editor = make_user(groups=("Editors",))
    assert signed_in(editor).get(serve_url(world["document"])).status_code == 200


def test_a_document_a_live_practice_uses_is_public(world):
    live = make_practice(title="Helsingin julkinen", organisations=(HELSINKI,))
    PracticeDocument.objects.create(page=live, document=world["document"])
    live.save()
    assert Client().get(serve_url(world["document"])).status_code == 200
