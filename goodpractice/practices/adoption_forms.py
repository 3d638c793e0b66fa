"""The public form on which an organisation registers that it uses a practice too."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from goodpractice.public_forms import PublicFormMixin
from goodpractice.validators import validate_phone_number, validate_single_line

from .adoptions import member_organisations
from .models import Adoption


class AdoptionForm(PublicFormMixin, forms.ModelForm):
    class Meta:
        model = Adoption
        fields = [
            "organisation",
            "adopted_on",
            "changes",
            "contact_name",
            "contact_email",
            "contact_phone",
        ]
        labels = {"organisation": _("Your organisation")}
        help_texts = {
            "organisation": _("The organisation that has taken the practice into use."),
            "contact_name": _(
                "Someone others can ask about your experience. The contact details are "
                "shown only to the practice's own organisation and the editors."
            ),
        }
        widgets = {
            "adopted_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "changes": forms.Textarea(attrs={"rows": 5}),
            "contact_name": forms.TextInput(attrs={"autocomplete": "name"}),
            "contact_email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "contact_phone": forms.TextInput(attrs={"autocomplete": "tel"}),
        }

    def __init__(self, *args, user, practice, **kwargs):
        super().__init__(*args, **kwargs)
        # The model's checks (own practice, uniqueness) need the practice.
        self.instance.practice = practice
        self.fields["organisation"].queryset = member_organisations(user)
        self.fields["organisation"].empty_label = None
        self.fields["adopted_on"].widget.attrs["max"] = timezone.localdate().isoformat()
        # The contact's name and phone end up in e-mails on one line.
        self.fields["contact_name"].validators.append(validate_single_line)
        self.fields["contact_phone"].validators.append(validate_phone_number)
