from django.db import models
from django.utils.translation import gettext_lazy as _


class ReviewReminder(models.Model):
    """A reminder e-mailed about a practice that has not been reviewed for too long.

    Kept per practice so the daily reminder run does not repeat itself.
    """

    practice = models.ForeignKey(
        "practices.PracticePage",
        verbose_name=_("practice"),
        on_delete=models.CASCADE,
        related_name="review_reminders",
    )
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True, db_index=True)
    recipients = models.PositiveIntegerField(_("recipients"), default=0)

    class Meta:
        verbose_name = _("review reminder")
        verbose_name_plural = _("review reminders")
        ordering = ["-sent_at"]

    def __str__(self):
        return f"{self.practice} {self.sent_at:%Y-%m-%d}"
