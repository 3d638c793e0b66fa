from django import template

from .. import service

register = template.Library()


@register.simple_tag
def related_practices(page, size=4):
    """{% related_practices page 4 as related %}: list of {title, url, summary, language}."""
    return service.related_practices(page, size=size)


@register.inclusion_tag("search/related_practices.html")
def show_related_practices(page, size=4, heading_level=2):
    """{% show_related_practices page %}: a titled list, or nothing when there are none."""
    return {
        "related": service.related_practices(page, size=size),
        "page_language": page.locale.language_code,
        "heading_level": heading_level,
    }
