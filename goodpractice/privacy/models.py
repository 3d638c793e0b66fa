from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

MANAGE_PERMISSION = "privacy.manage_personal_data"


class PrivacyRequest(models.Model):
    """An export or erasure of one person's data, as the audit log's record of it.

    Holds which records were involved (model and id) and never the personal data itself.
    """

    class Action(models.TextChoices):
        EXPORT = "export", _("Export")
        ERASE = "erase", _("Erasure")

    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("done by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("done at"), default=timezone.now)
    records = models.JSONField(_("records"), default=list)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("personal data request")
        verbose_name_plural = _("personal data requests")
        default_permissions = ()
        permissions = [
            ("manage_personal_data", _("Can find, export and erase a person's data")),
        ]

    def __str__(self):
        return _("%(action)s of personal data: %(count)d records") % {
            "action": self.get_action_display(),
            "count": len(self.records),
        }
