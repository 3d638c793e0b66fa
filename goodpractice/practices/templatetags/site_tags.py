"""Template helpers for the public site: navigation, language versions and text language."""

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, reverse, translate_url
from django.utils.html import format_html
from django.utils.translation import get_language, gettext_lazy, pgettext_lazy
from wagtail.images.models import SourceImageIOError
from wagtail.models import Page

from goodpractice import site_url
from goodpractice.i18n import CONTENT_LANGUAGES, FALLBACKS, current_language

register = template.Library()

# "This text is in Finnish", said in the reader's language.
TEXT_LANGUAGE_LABELS = {
    "fi": pgettext_lazy("text language", "In Finnish"),
    "sv": pgettext_lazy("text language", "In Swedish"),
    "en": pgettext_lazy("text language", "In English"),
}
TEXT_LANGUAGE_NOTES = {
    "fi": gettext_lazy("This description is available in Finnish only."),
    "sv": gettext_lazy("This description is available in Swedish only."),
    "en": gettext_lazy("This description is available in English only."),
}
OG_LOCALES = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_GB"}
NAV_ITEMS = [
    ("practices", gettext_lazy("Practices")),
    ("theme_list", gettext_lazy("Themes")),
    ("organisation_list", gettext_lazy("Organisations")),
    ("practice_map", gettext_lazy("Map")),
    ("awards_index", gettext_lazy("Prize")),
    ("search", gettext_lazy("Search")),
]


def _wagtail_page(context):
    page = context.get("page")
    return page if isinstance(page, Page) else None


def _home_url(code):
    return f"{get_script_prefix()}{code}/"


@register.simple_tag(takes_context=True)
def language_links(context, homes_only=False):
    """The current page in each site language: [{code, name, url, current, exists}].

    A Wagtail page links to its translation or alias in each locale; a Django view to
    the same view under the other language's URL. Filters in the query string are kept,
    since their values do not depend on the language.
    """
    request = context.get("request")
    current = current_language()
    # Django's 404 view passes request_path; a page that does not exist has no versions.
    homes_only = homes_only or "request_path" in context
    page = None if homes_only else _wagtail_page(context)
    urls = {}
    if page is not None:
        versions = (
            Page.objects.live()
            .public()
            .filter(translation_key=page.translation_key)
            .select_related("locale")
        )
        query = request.META.get("QUERY_STRING", "") if request else ""
        for version in versions:
            url = version.get_url(request)
            if url:
                urls[version.locale.language_code] = f"{url}?{query}" if query else url
    elif request is not None and not homes_only:
        path = request.get_full_path()
        for code in CONTENT_LANGUAGES:
            translated = translate_url(path, code)
            if code == current or translated != path:
                urls[code] = translated
    links = []
    for code, name in settings.LANGUAGES:
        links.append(
            {
                "code": code,
                "name": name,
                "url": urls.get(code) or _home_url(code),
                "current": code == current,
                # False when only the language's home page stands in for this page.
                "exists": code in urls,
            }
        )
    return links


@register.simple_tag(takes_context=True)
def nav_items(context):
    """Main navigation: [{label, url, current}], current being "page", "true" or ""."""
    request = context.get("request")
    path = request.path if request else ""
    items = []
    for name, label in NAV_ITEMS:
        try:
            url = practice_index_url() if name == "practices" else reverse(name)
        except NoReverseMatch:  # an optional section that is not installed
            continue
        if not url:
            continue
        current = "page" if path == url else "true" if path.startswith(url) else ""
        items.append({"label": label, "url": url, "current": current})
    return items


@register.simple_tag
def practice_index_url():
    from goodpractice.practices.models import PracticeIndexPage

    # Ordered by its own key: ordering by tree path made the database walk every page.
    index = (
        PracticeIndexPage.objects.live()
        .filter(locale__language_code=current_language())
        .order_by("pk")
        .first()
    )
    return index.url if index else ""


@register.simple_tag
def home_url():
    return _home_url(current_language())


@register.simple_tag(takes_context=True)
def absolute_url(context, url=None):
    """`url` (by default the current page's path) on the canonical address, SITE_URL."""
    if url is None:
        request = context.get("request")
        url = request.path if request is not None else "/"
    return site_url.absolute_url(url)


@register.filter
def text_language(practice):
    """The practice's text language when it differs from the site's, else "".

    Takes a practice page or a search result (a dict with "language").
    """
    if isinstance(practice, dict):
        language = practice.get("language") or ""
    else:
        language = getattr(practice, "language", "") or ""
    return language if language and language != current_language() else ""


@register.filter
def text_language_label(practice):
    language = text_language(practice)
    return TEXT_LANGUAGE_LABELS.get(language, "")


@register.filter
def text_language_note(practice):
    return TEXT_LANGUAGE_NOTES.get(text_language(practice), "")


@register.simple_tag
def lang_attr(practice_or_code):
    """` lang="fi"` for content written in another language than the page's (WCAG 3.1.2)."""
    code = (
        practice_or_code if isinstance(practice_or_code, str) else text_language(practice_or_code)
    )
    if not code or code == current_language():
        return ""
    return format_html(' lang="{}"', code)


@register.simple_tag
def localized_text(obj, field):
    """obj.<field> in the reader's language or its fallback: {text, lang}.

    `lang` is set when the text came from a fallback language, so the template can mark
    it with a lang attribute.
    """
    language = current_language()
    for code in FALLBACKS[language]:
        value = getattr(obj, f"{field}_{code}", "")
        if value:
            return {"text": value, "lang": "" if code == language else code}
    return {"text": "", "lang": ""}


@register.filter
def language_name(code):
    return settings.LANGUAGE_LABELS.get(code, code)


@register.simple_tag
def og_locale():
    return OG_LOCALES.get(current_language(), "fi_FI")


@register.simple_tag
def alternate_og_locales():
    current = current_language()
    return [locale for code, locale in OG_LOCALES.items() if code != current]


@register.simple_tag
def practice_sections(page):
    """The practice's sections in reading order: [{name, heading, html}], with the plain-
    text evaluation (html None) right after the results."""
    from goodpractice.practices.sections import SECTIONS

    sections = []
    for name, heading, _formats in SECTIONS:
        value = getattr(page, name)
        if value:
            sections.append({"name": name, "heading": heading, "html": value})
        if name == "results" and page.evaluation:
            sections.append(
                {"name": "evaluation", "heading": gettext_lazy("Evaluation"), "html": None}
            )
    return sections


@register.simple_tag
def html_lang():
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


SITE_DESCRIPTION = gettext_lazy(
    "Municipalities and wellbeing services counties share the ways they have found to "
    "protect children better, so that nobody has to invent them again."
)


@register.simple_tag(takes_context=True)
def page_meta(context):
    """Title, description, Open Graph type and image of the page being rendered.

    Wagtail pages describe themselves; Django views pass `page_title` and
    `meta_description` in their context.
    """
    from django.utils.html import strip_tags
    from django.utils.text import Truncator

    from goodpractice.practices.models import PracticePage
    from home.models import HomePage

    page = _wagtail_page(context)
    meta = {
        "title": context.get("page_title") or "",
        "description": context.get("meta_description") or "",
        "type": "website",
        "image": "",
    }
    if page is not None:
        if not isinstance(page, HomePage):
            meta["title"] = page.seo_title or page.title
        description = page.search_description
        if not description and isinstance(page, PracticePage):
            description = page.summary
        if not description:
            description = strip_tags(getattr(page, "intro", "") or "")
        meta["description"] = description
        if isinstance(page, PracticePage):
            meta["type"] = "article"
            if page.image_id:
                try:
                    url = page.image.get_rendition("fill-1200x630").url
                except SourceImageIOError:  # the file is gone; the page still renders
                    url = ""
                if url:
                    meta["image"] = site_url.absolute_url(url)
    if not meta["description"]:
        # Every page has a description for search engines and link previews: a page
        # that says nothing of its own gets the site's, after its title.
        about = SITE_DESCRIPTION
        meta["description"] = f"{meta['title']}. {about}" if meta["title"] else about
    meta["description"] = Truncator(" ".join(str(meta["description"]).split())).chars(300)
    return meta


@register.simple_tag
def elided_pages(page_obj):
    return page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=2, on_ends=1)


@register.simple_tag
def finland_map_data():
    """Regions with counts, outlines and colours for the map (see practices.views)."""
    from goodpractice.practices.views import map_regions

    from ..finland_map import finland_map

    regions, legend = map_regions()
    return {"regions": regions, "legend": legend, "map": finland_map()}


@register.simple_tag
def themes_with_counts():
    from goodpractice.practices.views import themes_with_counts as themes

    return themes()


@register.simple_tag
def public_sector_pages():
    """The accessibility statement, privacy notice and contact page of the current
    language, for the footer (live pages only, in that order)."""
    from home.public_sector_pages import PAGES

    language = current_language()
    links = []
    for model, _content in PAGES:
        page = model.objects.live().filter(locale__language_code=language).first()
        if page is not None:
            links.append({"title": page.title, "url": page.url})
    return links


@register.filter
def one_line(value):
    """Whitespace, line breaks included, as single spaces: for e-mail subjects, where a
    line break stored before titles were checked would stop the message."""
    return " ".join(str(value).split())
