from django.conf import settings
from django.utils.translation import gettext_lazy as _


def site_context(request):
    return {
        # The site's name in the reader's language (settings.WAGTAIL_SITE_NAME is the
        # Finnish one, used by the admin).
        "SITE_NAME": _("Good practice in child protection"),
        "OPEN_DATA_LICENCE": settings.OPEN_DATA_LICENCE,
    }
