"""/sitemap.xml: the Wagtail pages of every language, the theme and organisation pages and
the prize's pages."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Q
from django.urls import reverse
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.models import Locale, Page

from goodpractice.awards.winners import announced_rounds
from goodpractice.organisations.models import Organisation
from goodpractice.practices.models import PracticePage, Theme
from goodpractice.site_url import netloc, scheme


class CanonicalAddress:
    """Every location on SITE_URL, whatever host the sitemap was requested on."""

    def get_protocol(self, protocol=None):
        return scheme()

    def get_domain(self, site=None):
        return netloc()


class PageSitemap(CanonicalAddress, WagtailSitemap):
    """Wagtail's sitemap covers the default site's tree only, i.e. the Finnish pages; this
    one adds the Swedish and English trees and links the language versions together."""

    def items(self):
        homes = self.get_wagtail_site().root_page.get_translations(inclusive=True)
        within = Q()
        for home in homes:
            within |= Q(path__startswith=home.path)
        return (
            Page.objects.live()
            .public()
            .filter(within)
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def _urls(self, page, protocol, domain):
        entries = [
            (item, url_info)
            for item in self.paginator.page(page).object_list
            for url_info in item.get_sitemap_urls(self.request)
        ]
        languages = dict(Locale.objects.values_list("pk", "language_code"))
        versions = {}
        for item, url_info in entries:
            versions.setdefault(item.translation_key, []).append(
                {"lang_code": languages[item.locale_id], "location": url_info["location"]}
            )
        urls = []
        for item, url_info in entries:
            if len(versions[item.translation_key]) > 1:
                url_info["alternates"] = versions[item.translation_key]
            urls.append(url_info)
        last_mods = {url_info.get("lastmod") for url_info in urls}
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls


class _TranslatedSitemap(CanonicalAddress, Sitemap):
    """Django views under i18n_patterns: one URL per language, linked as alternates."""

    i18n = True
    alternates = True


class ThemeSitemap(_TranslatedSitemap):
    def items(self):
        return Theme.objects.filter(practices__in=PracticePage.objects.live().public()).distinct()


class OrganisationSitemap(_TranslatedSitemap):
    def items(self):
        practices = PracticePage.objects.live().public()
        return (
            Organisation.objects.filter(
                Q(practices__in=practices) | Q(members__practices__in=practices)
            )
            .distinct()
            .order_by("slug")
        )


class PrizeSitemap(_TranslatedSitemap):
    """The prize page (None) and the pages of announced rounds."""

    def items(self):
        return [None, *announced_rounds().order_by("-year")]

    def location(self, item):
        if item is None:
            return reverse("awards_index")
        return reverse("awards_round", args=[item.year])


sitemaps = {
    "pages": PageSitemap,
    "themes": ThemeSitemap,
    "organisations": OrganisationSitemap,
    "prize": PrizeSitemap,
}
