"""Editors extend the search thesaurus in the admin (Taxonomy → Thesaurus)."""

from django.test import Client

from goodpractice.practices.models import ThesaurusConcept
from tests.factories import make_user


def _editor(language):
    client = Client()
    client.force_login(make_user(groups=("Editors",)))
    client.cookies["django_language"] = language
    return client


def test_editor_adds_a_concept_with_finnish_labels(db):
    client = _editor("fi")
    url = "/admin/snippets/practices/thesaurusconcept/"
    body = client.get(url).content.decode()
    assert "asiasanasto" in body.lower()

    form = client.get(f"{url}add/").content.decode()
    assert "suomenkieliset termit" in form.lower()
    assert "ruotsinkieliset termit" in form.lower()
    response = client.post(
        f"{url}add/",
        {
            "slug": "kinship-care",
            "terms_fi": "sukulaissijoitus",
            "terms_sv": "släktplacering",
            "terms_en": "kinship care",
        },
    )
    assert response.status_code == 302
    concept = ThesaurusConcept.objects.get(slug="kinship-care")
    assert concept.terms() == ["sukulaissijoitus", "släktplacering", "kinship care"]


def test_contributors_cannot_edit_the_thesaurus(db):
    client = Client()
    client.force_login(make_user(groups=("Contributors",)))
    response = client.get("/admin/snippets/practices/thesaurusconcept/")
    assert response.status_code in (302, 403)
