from django.db import models
from django.utils.translation import gettext_lazy as _


class CatalogueSummary(models.Model):
    """Counts of the published practices in one language's site, kept between renders.

    Any change to practices or adoptions empties `counts` and bumps `generation` in the
    same transaction; the next page that needs the counts computes and stores them, unless
    another change came in the meantime (goodpractice/practices/summary.py).
    """

    language = models.CharField(_("language"), max_length=8, primary_key=True)
    generation = models.PositiveBigIntegerField(default=0)
    counts = models.JSONField(null=True, blank=True)

    class Meta:
        verbose_name = _("catalogue summary")
        verbose_name_plural = _("catalogue summaries")

    def __str__(self):
        return self.language
