from wagtail.snippets.models import register_snippet

from .viewsets import organisation_viewset

register_snippet(organisation_viewset)
