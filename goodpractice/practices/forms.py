from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminPageForm

from goodpractice.validators import PERSONAL_IDENTITY_CODE_MESSAGE, contains_personal_identity_code


class PracticePageForm(WagtailAdminPageForm):
    """The admin form: model validators cover the text fields; keywords need their own check."""

    def clean_keywords(self):
        keywords = self.cleaned_data.get("keywords") or []
        if any(contains_personal_identity_code(keyword) for keyword in keywords):
            raise ValidationError(PERSONAL_IDENTITY_CODE_MESSAGE, code="personal_identity_code")
        return keywords
