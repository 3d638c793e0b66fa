from io import StringIO

from django.core.management import call_command
from django.utils import translation

from goodpractice.organisations.models import Organisation
from goodpractice.practices.models import EvidenceLevel, TargetGroup, Theme


def _load():
    out = StringIO()
    call_command("load_reference_data", stdout=out)
    return out.getvalue()


def _empty():
    # The suite loads reference data once per run; these tests start from nothing.
    for model in (Organisation, Theme, TargetGroup, EvidenceLevel):
        model.objects.all().delete()


def test_load_reference_data_is_idempotent(db):
    _empty()
    first = _load()
    assert "organisations: 330 created" in first
    counts = (
        Organisation.objects.count(),
        Theme.objects.count(),
        TargetGroup.objects.count(),
        EvidenceLevel.objects.count(),
    )
    assert counts == (330, 19, 8, 4)

    second = _load()
    assert "organisations: 0 created" in second
    assert "themes: 0 created" in second
    assert (
        Organisation.objects.count(),
        Theme.objects.count(),
        TargetGroup.objects.count(),
        EvidenceLevel.objects.count(),
    ) == counts


def test_names_are_bilingual_and_counties_link_to_municipalities(db):
    _load()
    county = Organisation.objects.get(code="PO")
    assert county.name_fi == "Pohjanmaan hyvinvointialue"
    assert county.name_sv == "Österbottens välfärdsområde"
    vaasa = Organisation.objects.get(code="905")
    assert (vaasa.name_fi, vaasa.name_sv, vaasa.region) == ("Vaasa", "Vasa", county)
    assert county.members.filter(kind="municipality").count() > 10
    theme = Theme.objects.get(slug="aftercare")
    assert (theme.name_fi, theme.name_sv, theme.name_en) == (
        "Jälkihuolto",
        "Eftervård",
        "Aftercare",
    )
    # Evidence levels explain themselves in each language.
    described = EvidenceLevel.objects.get(slug="described")
    with translation.override("sv"):
        assert described.meaning.startswith("Praxisen är beskriven")
    with translation.override("fi"):
        assert described.meaning.startswith("Käytäntö on kuvattu")


def test_an_edited_name_is_restored_but_editor_organisations_are_kept(db):
    _load()
    Organisation.objects.filter(code="853").update(name_sv="Åbo?")
    other = Organisation.objects.create(kind="other", slug="pesapuu", name_fi="Pesäpuu ry")
    _load()
    assert Organisation.objects.get(code="853").name_sv == "Åbo"
    assert Organisation.objects.filter(pk=other.pk).exists()
