"""The practice's description sections travel in one `body` under fixed <h2> headings."""

from django.conf import settings

from ..sections import SECTION_FIELDS, SECTIONS
from .html import Element, heading_key, is_html, parse_blocks, plain_text_blocks, serialise


def section_headings(language):
    """{normalised heading: field name} for the practice's language."""
    return {heading_key(formats[language]): name for name, _heading, formats in SECTIONS}


def split_body(body, language):
    """{section field: canonical HTML} from an exchange-format body.

    Text before the first known heading, and a body with no known heading at all, belongs
    to the description. Other <h2> headings stay inside the section they appear in.
    """
    headings = section_headings(language)
    blocks = parse_blocks(body) if is_html(body) else plain_text_blocks(body, headings)
    sections = {name: [] for name in SECTION_FIELDS}
    current = "description"
    for block in blocks:
        field = headings.get(heading_key(block.text())) if block.tag == "h2" else None
        if field:
            current = field
        else:
            sections[current].append(block)
    return {name: serialise(blocks) for name, blocks in sections.items()}


def compose_body(sections, language):
    """The exchange-format body of {section field: canonical HTML}."""
    parts = []
    for name, _heading, formats in SECTIONS:
        html = sections.get(name) or ""
        if html:
            parts.append(serialise([Element("h2", children=[formats[language]])]) + html)
    return "".join(parts)


def page_sections(page):
    """{section field: canonical HTML} of a page's rich text fields."""
    base_url = getattr(settings, "WAGTAILADMIN_BASE_URL", None)
    return {
        name: serialise(parse_blocks(getattr(page, name) or "", base_url))
        for name in SECTION_FIELDS
    }
