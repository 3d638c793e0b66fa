"""The accessibility statement's feedback form: saved for the editors and e-mailed to them,
rate-limited like the other public forms."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.core.validators import MaxLengthValidator
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from goodpractice.i18n import current_language
from goodpractice.operations import ratelimit
from goodpractice.public_forms import PublicFormMixin
from goodpractice.site_url import absolute_url
from goodpractice.validators import validate_single_line

from .models import AccessibilityFeedback

RATE_LIMIT = getattr(settings, "ACCESSIBILITY_FEEDBACK_RATE_LIMIT", 5)
RATE_WINDOW_SECONDS = 3600
MESSAGE_MAX_LENGTH = 5000


class AccessibilityFeedbackForm(PublicFormMixin, forms.ModelForm):
    # Honeypot: hidden from people (and assistive technology); bots fill every field.
    homepage = forms.CharField(
        label=gettext_lazy("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    class Meta:
        model = AccessibilityFeedback
        fields = ["message", "page_address", "email"]
        labels = {"message": gettext_lazy("What did not work?")}
        help_texts = {
            "message": gettext_lazy(
                "Describe the problem and what you were trying to do. Do not write any "
                "client's personal data."
            ),
            "page_address": gettext_lazy("The address or the name of the page, if you know it."),
            "email": gettext_lazy("If you would like a reply. We reply within 14 days."),
        }
        widgets = {
            "message": forms.Textarea(attrs={"rows": 6, "maxlength": MESSAGE_MAX_LENGTH}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["message"].max_length = MESSAGE_MAX_LENGTH
        self.fields["message"].validators.append(MaxLengthValidator(MESSAGE_MAX_LENGTH))
        self.fields["page_address"].validators.append(validate_single_line)

    @property
    def is_spam(self):
        return bool(self.data.get(self.add_prefix("homepage")))


def handle_feedback(page, request):
    """A response for a POST to the statement, or None to show the page."""
    if request.method != "POST":
        return None
    form = AccessibilityFeedbackForm(request.POST)
    rate_limited = False
    if form.is_valid():
        if form.is_spam:
            return redirect(f"{page.url}?sent=1#feedback")
        rate_limited = ratelimit.exceeded(
            request, "accessibility:feedback", RATE_LIMIT, RATE_WINDOW_SECONDS
        )
        if not rate_limited:
            feedback = form.save(commit=False)
            feedback.language = current_language()
            feedback.save()
            notify_editors(feedback)
            return redirect(f"{page.url}?sent=1#feedback")
    context = page.get_context(request)
    context.update(form=form, rate_limited=rate_limited)
    return TemplateResponse(
        request, page.get_template(request), context, status=429 if rate_limited else 200
    )


def notify_editors(feedback):
    """E-mail each editor in their admin language; the feedback is saved either way."""
    editors = (
        get_user_model()
        .objects.filter(is_active=True, groups__name="Editors")
        .exclude(email="")
        .select_related("wagtail_userprofile")
        .distinct()
    )
    admin_url = absolute_url(reverse("wagtailsnippets_home_accessibilityfeedback:list"))
    for editor in editors:
        profile = getattr(editor, "wagtail_userprofile", None)
        language = getattr(profile, "preferred_language", "") or settings.LANGUAGE_CODE
        with translation.override(language):
            subject = _("Accessibility feedback on %(site)s") % {"site": settings.WAGTAIL_SITE_NAME}
            body = render_to_string(
                "home/email/accessibility_feedback.txt",
                {"feedback": feedback, "admin_url": admin_url},
            )
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [editor.email])
