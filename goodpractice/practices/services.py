"""Writing practices: one path for the importer, demo data and tests."""

from django.db import transaction
from wagtail.models import Locale

from .models import PracticeIndexPage, PracticeLink, PracticePage
from .translation import ensure_aliases


def practice_index(language):
    return PracticeIndexPage.objects.get(locale=Locale.objects.get(language_code=language))


@transaction.atomic
def save_practice(
    page,
    *,
    language,
    themes=(),
    target_groups=(),
    organisations=(),
    keywords=(),
    links=(),
    publish=True,
    user=None,
):
    """Create or update a practice page with its relations, as a new revision.

    A new page goes under the practice index of its language; every other language's
    site gets an alias of it.
    """
    page.themes = list(themes)
    page.target_groups = list(target_groups)
    page.organisations = list(organisations)
    page.links = [PracticeLink(url=url, title=title) for url, title in links]
    is_new = page.pk is None
    if is_new:
        index = practice_index(language)
        page.live = False
        # Set before the first save, which derives the page's language from its locale.
        page.locale = index.locale
        index.add_child(instance=page)
    page.keywords.set(list(keywords))
    page.save()
    revision = page.save_revision(user=user, log_action=True)
    if publish:
        revision.publish(user=user)
    elif page.live and not is_new:
        page.unpublish(user=user)
    # Publishing works on a copy of the page: aliases must be made from the saved state,
    # or they would start as drafts.
    page = PracticePage.objects.get(pk=page.pk)
    ensure_aliases(page)
    return page
