from wagtail import hooks
from wagtail.snippets.models import register_snippet

from .models import PracticePage
from .translation import ensure_aliases
from .viewsets import taxonomy_group


@hooks.register("after_create_page")
def alias_new_practice_in_other_languages(request, page):
    if isinstance(page.specific, PracticePage):
        ensure_aliases(page)


register_snippet(taxonomy_group)
