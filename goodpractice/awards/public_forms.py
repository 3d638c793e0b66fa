"""The public nomination form."""

from django import forms
from django.core.validators import MaxLengthValidator
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

from goodpractice import uploads
from goodpractice.i18n import current_language
from goodpractice.organisations.models import Organisation
from goodpractice.practices.models import PracticePage
from goodpractice.public_forms import PublicFormMixin, organisation_choices, searchable
from goodpractice.validators import validate_phone_number, validate_single_line

from . import attachments
from .models import Nomination

TEXT_PARTS = ["what_was_done", "for_whom", "results", "client_participation", "how_to_adopt"]
# Generous for a description, small enough that a bot cannot fill the database.
TEXT_PART_MAX_LENGTH = 10_000
# These end up in e-mails and listings on one line.
ONE_LINE_FIELDS = ["title", "nominator_name", "nominator_organisation", "nominator_phone"]
ACCEPTED_FILES = ",".join(
    [f".{extension}" for extension in uploads.extensions(uploads.ATTACHMENT_TYPES)]
    + [file_type.content_type for file_type in uploads.ATTACHMENT_TYPES]
)


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input; each is checked by the form as a whole."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"multiple": True}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(item, initial) for item in files if item]


class NominationForm(PublicFormMixin, forms.ModelForm):
    # Honeypot: hidden from people (and assistive technology); bots fill every field.
    homepage = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    attachments = MultipleFileField(
        label=_("Files to attach"),
        required=False,
        widget=MultipleFileInput(attrs={"multiple": True, "accept": ACCEPTED_FILES}),
    )

    class Meta:
        model = Nomination
        fields = [
            "nominee",
            "title",
            *TEXT_PARTS,
            "practice",
            "nominator_name",
            "nominator_email",
            "nominator_phone",
            "nominator_organisation",
            "consent_to_publish",
        ]
        help_texts = {
            "nominee": _("The municipality, wellbeing services county or other organisation."),
            "what_was_done": _("What was done, by whom and when."),
            "for_whom": _("Which children, young people or families it is for."),
            "results": _("What changed for children and families."),
            "client_participation": _("How children, young people and parents took part."),
            "how_to_adopt": _("What another organisation needs to start using it."),
            "practice": _("If the practice is already described in the knowledge base."),
            "nominator_email": _("We send the confirmation and reference number here."),
        }
        widgets = {name: forms.Textarea(attrs={"rows": 5}) for name in TEXT_PARTS}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        nominee = searchable(self.fields["nominee"])
        nominee.queryset = Organisation.objects.all()
        nominee.choices = organisation_choices(nominee.queryset, _("Choose the organisation"))
        # Each practice once: its version in the visitor's language.
        practice = searchable(self.fields["practice"])
        practice.queryset = (
            PracticePage.objects.live()
            .public()
            .filter(locale__language_code=current_language())
            .order_by("title")
        )
        practice.empty_label = _("Not described in the knowledge base")
        practice.required = False
        # Blank in the model only so they can be removed after the announcement.
        for name in ("nominator_name", "nominator_email"):
            self.fields[name].required = True
        self.fields["consent_to_publish"].label = _(
            "The description of the achievement may be published on this site."
        )
        for name in ("nominator_email", "nominator_phone"):
            self.fields[name].widget.attrs["autocomplete"] = (
                "email" if name.endswith("email") else "tel"
            )
        self.fields["nominator_name"].widget.attrs["autocomplete"] = "name"
        for name in TEXT_PARTS:
            field = self.fields[name]
            field.max_length = TEXT_PART_MAX_LENGTH
            field.validators.append(MaxLengthValidator(TEXT_PART_MAX_LENGTH))
            field.widget.attrs["maxlength"] = TEXT_PART_MAX_LENGTH
        for name in ONE_LINE_FIELDS:
            self.fields[name].validators.append(validate_single_line)
        self.fields["nominator_phone"].validators.append(validate_phone_number)
        self.fields["attachments"].help_text = _(
            "Optional: up to %(count)s files describing the achievement, as PDF, JPEG or "
            "PNG, each at most %(size)s."
        ) % {"count": attachments.max_count(), "size": filesizeformat(attachments.max_bytes())}

    def clean_attachments(self):
        files = self.cleaned_data["attachments"]
        attachments.validate_files(files)
        return files

    def full_clean(self):
        super().full_clean()
        if self.is_bound and self._errors and self.files:
            # Browsers never send a file again with a re-displayed form.
            self.add_error(
                None,
                _(
                    "Your other answers are kept, but the files you chose were not saved: "
                    "choose them again before sending."
                ),
            )

    @property
    def is_spam(self):
        return bool(self.data.get(self.add_prefix("homepage")))
