"""Create the page tree every installation needs: a home and a practice index per language.

Idempotent, so `make run`, tests and deployments can all call it.
"""

from django.db import transaction
from wagtail.models import Locale, Page, Site

from goodpractice.practices.models import PracticeIndexPage
from goodpractice.practices.moderation import assign_practice_workflow
from goodpractice.practices.permissions import grant_contributor_page_permissions
from goodpractice.site_url import hostname_and_port

from .models import AccessibilityStatementPage, HomePage
from .public_sector_pages import ASSESSED_ON, PAGES

HOME = {
    "fi": ("Lastensuojelun hyvät käytännöt", "etusivu"),
    "sv": ("Goda praxis inom barnskyddet", "startsida"),
    "en": ("Good practice in child protection", "home"),
}
INDEX = {
    "fi": ("Hyvät käytännöt", "kaytannot"),
    "sv": ("Goda praxis", "praxis"),
    "en": ("Good practices", "practices"),
}
INTRO = {
    "fi": "<p>Kuntien ja hyvinvointialueiden hyviksi havaittuja tapoja suojella lapsia "
    "paremmin – jaettuina, jotta kenenkään ei tarvitse keksiä niitä uudelleen.</p>",
    "sv": "<p>Kommunernas och välfärdsområdenas beprövade sätt att skydda barn bättre – "
    "delade så att ingen behöver uppfinna dem på nytt.</p>",
    "en": "<p>Proven ways in which Finnish municipalities and wellbeing services counties "
    "protect children better, shared so that nobody has to reinvent them.</p>",
}


@transaction.atomic
def ensure_site_structure():
    """Return {language: HomePage} after creating whatever was missing."""
    for code in HOME:
        Locale.objects.get_or_create(language_code=code)
    default = Locale.get_default()
    root = Page.get_first_root_node() or Page.add_root(
        instance=Page(title="Root", slug="root", locale=default)
    )
    home_fi = HomePage.objects.filter(locale=default).first()
    if home_fi is None:
        title, slug = HOME[default.language_code]
        home_fi = root.add_child(
            instance=HomePage(title=title, slug=slug, intro=INTRO["fi"], locale=default)
        )
    hostname, port = hostname_and_port()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(hostname=hostname, port=port, is_default_site=True, site_name="")
    if (site.hostname, site.port) != (hostname, port):
        # SITE_URL changed (another port for `make run`, the production domain).
        site.hostname, site.port = hostname, port
        site.save()
    if site.root_page_id != home_fi.pk:
        old_root = site.root_page_id
        site.root_page = home_fi
        site.save()
        # Wagtail's placeholder welcome page is replaced by our home page.
        Page.objects.filter(pk=old_root, depth=2, content_type__model="page").delete()
    homes = {default.language_code: home_fi}
    for locale in Locale.objects.exclude(pk=default.pk):
        homes[locale.language_code] = _translation(home_fi, locale, HOME, INTRO)
    for code, home in homes.items():
        index = PracticeIndexPage.objects.child_of(home).first()
        if index is None and code == default.language_code:
            title, slug = INDEX[code]
            home.add_child(instance=PracticeIndexPage(title=title, slug=slug, locale=home.locale))
    index_fi = PracticeIndexPage.objects.get(locale=default)
    for locale in Locale.objects.exclude(pk=default.pk):
        _translation(index_fi, locale, INDEX, None)
    for model, content in PAGES:
        _ensure_info_page(homes, model, content)
    grant_contributor_page_permissions(PracticeIndexPage.objects.all())
    assign_practice_workflow(PracticeIndexPage.objects.all())
    return homes


def _translation(source, locale, titles, intros):
    existing = source.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    translation = source.copy_for_translation(locale)
    title, slug = titles[locale.language_code]
    translation.title, translation.slug = title, slug
    if intros:
        translation.intro = intros[locale.language_code]
    translation.save_revision().publish()
    return type(translation).objects.get(pk=translation.pk)


def _ensure_info_page(homes, model, content):
    """The page under the Finnish home, then its translations; what exists is kept as the
    editors left it."""
    default = homes["fi"]
    original = model.objects.child_of(default).first()
    if original is None:
        original = default.add_child(instance=model(**_fields(model, content["fi"])))
        original.save_revision().publish()
    for code, home in homes.items():
        if code == "fi" or original.get_translation_or_none(home.locale) is not None:
            continue
        translation = original.copy_for_translation(home.locale)
        for name, value in _fields(model, content[code]).items():
            setattr(translation, name, value)
        translation.save_revision().publish()


def _fields(model, values):
    fields = dict(values)
    if model is AccessibilityStatementPage:
        fields["assessed_on"] = ASSESSED_ON
    return fields
