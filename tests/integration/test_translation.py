"""Page translation through wagtail-localize turns an alias into a real translation."""

from wagtail.models import Locale
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from goodpractice.practices.models import PracticePage
from tests.factories import make_practice


def _translate(page, language, translate, capture_on_commit):
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation = Translation.objects.create(
        source=source, target_locale=Locale.objects.get(language_code=language)
    )
    for segment in source.stringsegment_set.select_related("string"):
        StringTranslation.objects.create(
            translation_of=segment.string,
            locale=translation.target_locale,
            context=segment.context,
            data=translate(segment.string.data),
        )
    # wagtail-localize publishes once the transaction commits.
    with capture_on_commit(execute=True):
        translation.save_target(publish=True)
    return PracticePage.objects.get(
        translation_key=page.translation_key, locale__language_code=language
    )


def test_translating_a_practice_replaces_its_alias(
    site, client, django_capture_on_commit_callbacks
):
    practice = make_practice(title="Perhekeskus", summary="Palvelut yhdestä paikasta.")
    alias = PracticePage.objects.get(
        translation_key=practice.translation_key, locale__language_code="sv"
    )
    assert alias.alias_of_id == practice.pk

    swedish = _translate(
        practice, "sv", lambda text: f"SV {text}", django_capture_on_commit_callbacks
    )

    assert swedish.alias_of_id is None
    assert swedish.language == "sv"
    assert swedish.title == "SV Perhekeskus"
    body = client.get(swedish.url).content.decode()
    assert "SV Palvelut yhdestä paikasta." in body
    # Still one page per practice in the Swedish site.
    assert PracticePage.objects.live().filter(locale__language_code="sv").count() == 1
