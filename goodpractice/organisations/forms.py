"""Forms for accounts: the public request, an organisation admin's invitation, a decline."""

from django import forms
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from goodpractice.i18n import CONTENT_LANGUAGES
from goodpractice.public_forms import PublicFormMixin, organisation_choices, searchable
from goodpractice.validators import validate_no_personal_identity_code, validate_single_line

from .models import AccountRequest, Organisation, Role

# A reason is a few sentences; the limit keeps bots from filling the database.
REASON_MAX_LENGTH = 2000


class AccountRequestForm(PublicFormMixin, forms.ModelForm):
    # Honeypot: hidden from people (and assistive technology); bots fill every field.
    homepage = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = AccountRequest
        fields = ["name", "organisation", "email", "reason"]
        labels = {"name": _("Your name")}
        help_texts = {
            "organisation": _(
                "The municipality, wellbeing services county or other body you work for."
            ),
            "email": _("Your work address; we send the link to set a password here."),
            "reason": _("What you would like to write about, and your role in the organisation."),
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "reason": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        organisation = searchable(self.fields["organisation"])
        organisation.queryset = Organisation.objects.all()
        organisation.choices = organisation_choices(
            organisation.queryset, _("Choose the organisation")
        )
        self.fields["reason"].required = True
        self.fields["reason"].validators.append(MaxLengthValidator(REASON_MAX_LENGTH))
        self.fields["reason"].widget.attrs["maxlength"] = REASON_MAX_LENGTH
        # The name is in the subject of the e-mail to the editors.
        self.fields["name"].validators.append(validate_single_line)

    @property
    def is_spam(self):
        return bool(self.data.get(self.add_prefix("homepage")))


class InvitationForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )
    name = forms.CharField(
        label=_("Name"),
        max_length=200,
        validators=[validate_no_personal_identity_code, validate_single_line],
    )
    email = forms.EmailField(label=_("Work e-mail"))
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.CONTRIBUTOR)
    language = forms.ChoiceField(
        label=_("Language of the invitation"),
        choices=[(code, code) for code in CONTENT_LANGUAGES],
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if organisations.count() == 1:
            self.fields["organisation"].initial = organisations.first()
        labels = dict(settings.LANGUAGE_LABELS)
        self.fields["language"].choices = [(code, labels[code]) for code in CONTENT_LANGUAGES]


class DeclineForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the applicant"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        validators=[validate_no_personal_identity_code],
        help_text=_("Optional: added to the polite standard reply."),
    )
