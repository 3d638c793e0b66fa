"""The jury's decision for a round: the winner, honourable mentions and the rationale."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from goodpractice.i18n import localized_value
from goodpractice.validators import NO_HETU


class Decision(models.Model):
    round = models.OneToOneField(
        "awards.Round", verbose_name=_("round"), on_delete=models.CASCADE, related_name="decision"
    )
    winner = models.ForeignKey(
        "awards.Nomination",
        verbose_name=_("winner"),
        on_delete=models.PROTECT,
        related_name="won_decisions",
    )
    honourable_mentions = models.ManyToManyField(
        "awards.Nomination",
        verbose_name=_("honourable mentions"),
        blank=True,
        related_name="mentioned_in_decisions",
    )
    rationale_fi = models.TextField(_("rationale in Finnish"), validators=NO_HETU)
    rationale_sv = models.TextField(_("rationale in Swedish"), validators=NO_HETU)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("recorded"))
    announced_at = models.DateTimeField(
        _("announcement carried out"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When the winner was linked to the knowledge base and reindexed."),
    )

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")

    def __str__(self):
        return f"{self.round}: {self.winner}"

    @property
    def rationale(self):
        # English readers get the Finnish text: the rationale is written in fi and sv only.
        return localized_value(self, "rationale")

    def clean(self):
        super().clean()
        if self.winner_id and self.round_id:
            if self.winner.round_id != self.round_id:
                raise ValidationError({"winner": _("The winner must be nominated in this round.")})
            if not self.winner.is_eligible:
                raise ValidationError({"winner": _("The winner must be an eligible nomination.")})
