import re

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.documents import get_document_model

from goodpractice.validators import PERSONAL_IDENTITY_CODE_MESSAGE, contains_personal_identity_code

from . import checklist, documents, permissions

RESERVED_ID = re.compile(r"page-", re.IGNORECASE)


class PracticePageForm(WagtailAdminPageForm):
    """The admin form: model validators cover the text fields; keywords need their own check.

    A contributor chooses among their own organisations (and keeps any others the practice
    already has), and cannot feature a practice on the home page.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = self.for_user
        if user is None or not permissions.is_scoped(user):
            return
        field = self.fields["organisations"]
        current = self.instance.organisations.all() if self.instance.pk else []
        field.queryset = field.queryset.filter(
            Q(pk__in=permissions.organisation_ids(user)) | Q(pk__in=[o.pk for o in current])
        )
        if "featured" in self.fields:
            self.fields["featured"].disabled = True
        if not self.instance.pk and not self.initial.get("organisations"):
            # A new practice starts with the contributor's own organisation(s) chosen.
            self.initial["organisations"] = sorted(permissions.organisation_ids(user))
        self._offer_only_own_documents(user)

    def _offer_only_own_documents(self, user):
        # Another organisation's document cannot be attached by id; those already on the
        # practice stay.
        formset = self.formsets.get("documents")
        if formset is None:
            return
        current = [d.document_id for d in self.instance.documents.all()] if self.instance.pk else []
        allowed = get_document_model().objects.filter(
            Q(pk__in=documents.visible_documents(user).values("pk")) | Q(pk__in=current)
        )
        for form in [*formset.forms, formset.empty_form]:
            if "document" in form.fields:
                form.fields["document"].queryset = allowed

    def clean_organisations(self):
        organisations = self.cleaned_data.get("organisations") or []
        user = self.for_user
        if not organisations and user is not None and permissions.is_scoped(user):
            # A draft left without an organisation would vanish from its author's view:
            # it belongs to theirs when they have only one.
            own = self.fields["organisations"].queryset.filter(
                pk__in=permissions.organisation_ids(user)
            )
            if own.count() == 1:
                return list(own)
        if user is not None and not permissions.may_choose_organisation(
            user, [organisation.pk for organisation in organisations]
        ):
            raise ValidationError(
                _("Choose at least one of your own organisations."), code="own_organisation"
            )
        return organisations

    def clean(self):
        cleaned_data = super().clean()
        # Saving a draft stays possible; only a submission needs the required content.
        if checklist.is_submission(self.data):
            missing = checklist.missing_items(
                lambda name: cleaned_data.get(name, getattr(self.instance, name, None))
            )
            # Each missing item is marked on its own field, so its tab shows a count.
            for key, _label in missing:
                field = checklist.field_of_item(key)
                if field in self.fields and field not in self.errors:
                    self.add_error(
                        field,
                        ValidationError(
                            _("Needed before submitting for moderation."),
                            code="needed_for_submission",
                        ),
                    )
            if missing:
                self.add_error(
                    None,
                    ValidationError(
                        _(
                            "The practice cannot be submitted for moderation yet. "
                            "Still missing: %(items)s. You can save it as a draft meanwhile."
                        ),
                        code="incomplete_submission",
                        params={"items": ", ".join(str(label) for _key, label in missing)},
                    ),
                )
        return cleaned_data

    def clean_external_id(self):
        # page-<number> is what the exporter calls a practice without an id; set on
        # another practice it would let an import overwrite that one with this.
        value = (self.cleaned_data.get("external_id") or "").strip()
        stored = self.instance.external_id if self.instance.pk else ""
        if value != stored and RESERVED_ID.match(value):
            raise ValidationError(
                _("Ids beginning with “page-” are reserved for the site's own export."),
                code="reserved_external_id",
            )
        return value

    def clean_keywords(self):
        keywords = self.cleaned_data.get("keywords") or []
        if any(contains_personal_identity_code(keyword) for keyword in keywords):
            raise ValidationError(PERSONAL_IDENTITY_CODE_MESSAGE, code="personal_identity_code")
        return keywords
