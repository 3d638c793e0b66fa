from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from .models import Score

# Inline relation -> (Score field pointing to it, message when removal is refused).
PROTECTED_CHILDREN = {
    "criteria": ("criterion", _("A criterion that has scores cannot be removed.")),
    "jury_members": ("jury_member", _("A jury member who has scored cannot be removed.")),
}


class RoundAdminForm(WagtailAdminModelForm):
    """Refuses to delete criteria or jury members that already carry scores."""

    def is_valid(self):
        # Checked after the inline formsets are cleaned, which happens after clean().
        if not super().is_valid():
            return False
        for name, (field, message) in PROTECTED_CHILDREN.items():
            formset = self.formsets.get(name)
            if formset is None:
                continue
            for form in formset.deleted_forms:
                if form.instance.pk and Score.objects.filter(**{field: form.instance}).exists():
                    self.add_error(None, message)
                    break
        return not self.errors
