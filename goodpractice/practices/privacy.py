"""Removing a practice's contact person on request."""

from wagtail.log_actions import log
from wagtail.signals import page_published

from .models import PracticePage

CONTACT_FIELDS = ("contact_name", "contact_title", "contact_email", "contact_phone")
ERASE_ACTION = "practices.contact_removed"


def erase_contact(page, user=None):
    """Empty the contact person of a practice, in every revision and on the live page.

    Publishing the latest revision would also publish any draft waiting for moderation,
    so the contact is cleared in place instead: from each revision (no older revision can
    bring it back) and from the page and its aliases in the other language sites. The
    fields are optional, so the page stays valid. A live page then sends page_published,
    which refreshes the search index and anything else kept from the published page.
    """
    page = PracticePage.objects.get(pk=page.pk)
    for revision in page.revisions.all():
        content = dict(revision.content)
        if any(content.get(name) for name in CONTACT_FIELDS):
            content.update(dict.fromkeys(CONTACT_FIELDS, ""))
            revision.content = content
            revision.save(update_fields=["content"])
    pages = PracticePage.objects.filter(pk=page.pk) | PracticePage.objects.filter(alias_of=page.pk)
    pages.update(**dict.fromkeys(CONTACT_FIELDS, ""))
    log(page, ERASE_ACTION, user=user)
    if page.live:
        page.refresh_from_db()
        for published in [page, *PracticePage.objects.filter(alias_of=page.pk, live=True)]:
            page_published.send(
                sender=PracticePage, instance=published, revision=published.live_revision
            )
