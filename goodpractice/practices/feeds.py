"""Atom feed of the newest practices in each language's site."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from goodpractice.i18n import current_language
from goodpractice.site_url import absolute_url

from .queries import newest, public_practices

FEED_SIZE = 30


class LanguageTaggedAtomFeed(Atom1Feed):
    """Atom entries carry xml:lang when a practice is written in another language than
    the feed's (a Finnish practice in the Swedish feed)."""

    def item_attributes(self, item):
        attributes = super().item_attributes(item)
        if item.get("text_language") and item["text_language"] != self.feed["language"]:
            attributes["xml:lang"] = item["text_language"]
        return attributes


class NewPracticesFeed(Feed):
    feed_type = LanguageTaggedAtomFeed

    def title(self):
        return _("New good practices in child protection")

    def subtitle(self):
        return _(
            "Good practices published by Finnish municipalities and wellbeing services counties."
        )

    # Absolute on SITE_URL: Django would otherwise prefix the request's host.
    def link(self):
        return absolute_url(f"/{current_language()}/")

    def feed_url(self):
        return absolute_url(reverse("practice_feed"))

    def feed_copyright(self):
        licence = settings.OPEN_DATA_LICENCE
        return _("Open data under the %(licence)s licence: %(url)s") % {
            "licence": licence["name"],
            "url": licence["url"],
        }

    def items(self):
        return newest(public_practices(), FEED_SIZE)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return absolute_url(item.get_url())

    def item_pubdate(self, item):
        return item.first_published_on or item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at

    def item_author_name(self, item):
        return ", ".join(organisation.name for organisation in item.organisations.all())

    def item_categories(self, item):
        return [theme.name for theme in item.themes.all()]

    def item_extra_kwargs(self, item):
        return {"text_language": item.language}
