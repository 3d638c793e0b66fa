from django import forms
from django.utils.translation import gettext_lazy as _

from goodpractice.validators import validate_single_line


class PersonSearchForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address"), required=False)
    name = forms.CharField(
        label=_("Name"),
        required=False,
        max_length=200,
        validators=[validate_single_line],
        help_text=_("First and last name as the person wrote them; matched as a whole."),
    )

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not (cleaned.get("email") or cleaned.get("name")):
            raise forms.ValidationError(_("Give an e-mail address, a name or both."))
        return cleaned
