from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import AccessibilityFeedback


class AccessibilityFeedbackViewSet(SnippetViewSet):
    """The editors read the feedback sent from the accessibility statement."""

    model = AccessibilityFeedback
    icon = "mail"
    menu_label = AccessibilityFeedback._meta.verbose_name_plural
    list_display = ["created_at", "message", "page_address", "email"]
    add_to_admin_menu = True


register_snippet(AccessibilityFeedbackViewSet)
