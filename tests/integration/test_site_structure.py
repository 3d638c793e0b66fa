from wagtail.models import Locale

from goodpractice.organisations.models import Organisation
from goodpractice.practices.models import PracticePage
from home.models import HomePage
from tests.factories import make_practice


def test_every_language_has_a_home_page(site, client):
    assert set(site) == {"fi", "sv", "en"}
    for code in ("fi", "sv", "en"):
        response = client.get(f"/{code}/")
        assert response.status_code == 200
        assert f'lang="{code}"' in response.content.decode()
    assert HomePage.objects.count() == 3


def test_reference_data_is_complete(site):
    assert Organisation.objects.filter(kind="municipality").count() == 309
    assert Organisation.objects.filter(kind="county").count() == 21
    turku = Organisation.objects.get(code="853")
    assert turku.region.code == "VS"
    helsinki = Organisation.objects.get(code="091")
    assert helsinki.region == helsinki
    assert Organisation.objects.get(code="478").region is None  # Mariehamn, Åland


def test_a_finnish_practice_is_listed_in_every_language(site):
    practice = make_practice(title="Sisukas")
    copies = PracticePage.objects.filter(translation_key=practice.translation_key)
    assert {p.locale.language_code for p in copies} == {"fi", "sv", "en"}
    assert all(p.live and p.language == "fi" for p in copies)
    assert Locale.objects.count() == 3
