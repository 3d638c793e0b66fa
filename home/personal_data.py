"""Personal data of the accessibility feedback (see goodpractice/privacy/registry.py)."""

from django.utils.translation import gettext_lazy as _

from goodpractice.privacy import registry
from goodpractice.privacy.registry import Erasure, PersonalData

registry.register(
    PersonalData(
        "home.AccessibilityFeedback",
        fields=("message", "email"),
        purpose=_("To fix accessibility problems and answer the person who reported one."),
        visible_to=_("Editors."),
        retention=_("Deleted by the editors once answered and fixed, or on request."),
        legal_basis=registry.LEGAL_OBLIGATION,
        recipients=registry.NO_RECIPIENTS,
        erasure=Erasure.DELETE,
        email_lookup="email",
    )
)

registry.declare_not_personal(
    "home.AccessibilityFeedback", ["page_address"], "the address of the page the feedback is about"
)
