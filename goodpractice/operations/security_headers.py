"""Security headers that Django's SecurityMiddleware does not set.

Content-Security-Policy: the public pages load scripts, styles, images and fonts only
from this site, with no inline code. The Wagtail admin's editor still needs inline
scripts and style attributes, so /admin/ gets a policy that allows those.
"""

from django.conf import settings


def _header(policy):
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in policy.items())


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.public = _header(settings.CONTENT_SECURITY_POLICY)
        self.admin = _header(settings.CONTENT_SECURITY_POLICY_ADMIN)

    def __call__(self, request):
        response = self.get_response(request)
        admin = request.path_info.startswith("/admin/")
        response.headers.setdefault("Content-Security-Policy", self.admin if admin else self.public)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
