from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class PendingIndexUpdate(models.Model):
    """A page whose index entry must be brought up to date.

    Written in the same transaction as the change that caused it, and removed only once
    the engine has accepted the update, so no change is lost while the engine is down.
    """

    page_id = models.PositiveBigIntegerField(_("page id"), unique=True)
    queued_at = models.DateTimeField(_("queued at"), auto_now=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)

    class Meta:
        verbose_name = _("pending index update")
        verbose_name_plural = _("pending index updates")

    def __str__(self):
        return f"page {self.page_id}"


class FallbackDocument(models.Model):
    """A practice's text as a PostgreSQL tsvector, for the database fallback (search.fulltext).

    The table exists on PostgreSQL only (created by migration 0002 with a GIN index and
    ON DELETE CASCADE from the page), hence unmanaged.
    """

    page = models.OneToOneField(
        "wagtailcore.Page",
        primary_key=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    document = SearchVectorField()

    class Meta:
        managed = False
        db_table = "practice_search_fallback_document"


class RelatedPractices(models.Model):
    """The engine's more-like-this answer for one practice page, as page ids in order.

    Filled by the indexing task once the page's document is in the index (and on the
    first view of a page that has no row yet), so rendering a practice page never waits
    for the engine (search/related.py).
    """

    page_id = models.PositiveBigIntegerField(_("page id"), primary_key=True)
    # ",12,7,31,": a comma on each side of every id, so that "which lists name page 7"
    # is a LIKE '%,7,%' that PostgreSQL and SQLite both answer.
    related = models.TextField(_("related page ids"), default=",")
    computed_at = models.DateTimeField(_("computed at"), auto_now=True)

    @property
    def ids(self):
        return [int(part) for part in self.related.split(",") if part]

    @staticmethod
    def encode(ids):
        return "," + "".join(f"{pk}," for pk in ids)

    class Meta:
        verbose_name = _("related practices")
        verbose_name_plural = _("related practices")

    def __str__(self):
        return f"page {self.page_id}"
