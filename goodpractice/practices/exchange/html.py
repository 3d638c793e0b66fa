"""Sanitising and normalising the HTML of practice descriptions.

Incoming HTML is first sanitised by nh3 against an allow-list (scripts, event handlers,
styles and other schemes than http, https and mailto never get through), then normalised to
a small set (p, h2, h3, ul, ol, li, strong, em, a) written out in one canonical form, so that
exporting what was imported gives the same bytes. Wagtail's rich text database format writes
bold and italic as <b> and <i>; the exchange format uses <strong> and <em>.
"""

import re
from html import escape
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import nh3

BLOCK_TAGS = {"p", "h2", "h3"}
LIST_TAGS = {"ul", "ol"}
HEADING_MAP = {"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h3", "h5": "h3", "h6": "h3"}
INLINE_MAP = {"strong": "strong", "b": "strong", "em": "em", "i": "em"}
INLINE_TAGS = {"a", "br", *INLINE_MAP}
# Containers of blocks: gone from the result, but they still separate paragraphs.
CONTAINERS = {
    "address", "article", "aside", "blockquote", "caption", "dd", "details", "div", "dl", "dt",
    "figcaption", "figure", "footer", "header", "main", "nav", "pre", "section", "summary",
    "table", "tbody", "td", "tfoot", "th", "thead", "tr",
}  # fmt: skip
# Tags whose content is never text for the reader: dropped with everything inside.
DROP = {
    "audio", "button", "canvas", "head", "iframe", "math", "noscript", "object", "script",
    "select", "style", "svg", "template", "textarea", "title", "video",
}  # fmt: skip
ALLOWED_SCHEMES = {"http", "https", "mailto"}
DB_NAMES = {"strong": "b", "em": "i"}

# The allow-list: everything else is removed by nh3 (its text kept, unless in DROP).
# Wagtail's internal links (<a linktype="page" id="3">) are resolved by the normaliser.
_CLEANER = nh3.Cleaner(
    tags={*BLOCK_TAGS, *LIST_TAGS, *HEADING_MAP, *INLINE_TAGS, *CONTAINERS, "li"},
    clean_content_tags=DROP,
    attributes={"a": {"href", "linktype", "id"}},
    url_schemes=ALLOWED_SCHEMES,
    link_rel=None,
    strip_comments=True,
)

_TAG_RE = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?/?>")
_SPACE_RE = re.compile(r"\s+")
_BULLET_RE = re.compile(r"^[-*•]\s+")
_NUMBER_RE = re.compile(r"^\d{1,3}[.)]\s+")
_HREF_RE = re.compile(r'href="([^"]*)"')


class Element:
    def __init__(self, tag, attrs=None, children=None):
        self.tag = tag
        self.attrs = attrs or {}
        self.children = children if children is not None else []

    def text(self):
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)


class _TreeBuilder(HTMLParser):
    """The element tree of nh3's output, which is well-formed: every element is closed."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Element("#root")
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, dict(attrs))
        self.stack[-1].children.append(element)
        if tag != "br":
            self.stack.append(element)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Element(tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag != "br" and len(self.stack) > 1:
            self.stack.pop()

    def handle_data(self, data):
        children = self.stack[-1].children
        if children and isinstance(children[-1], str):
            children[-1] += data
        else:
            children.append(data)


def is_html(text):
    return bool(_TAG_RE.search(text or ""))


def safe_href(href, base_url=None):
    """The address if it may be linked to, else None. Relative ones need base_url."""
    href = (href or "").strip()
    if not href or any(ord(char) < 32 for char in href):
        return None
    if base_url and href.startswith("/") and not href.startswith("//"):
        href = urljoin(base_url, href)
    parts = urlsplit(href)
    scheme = parts.scheme.lower()
    if scheme not in ALLOWED_SCHEMES:
        return None
    if scheme in ("http", "https") and not parts.netloc:
        return None
    if scheme == "mailto" and "@" not in parts.path:
        return None
    return href


def _wagtail_link(attrs):
    """The href of a Wagtail internal link (<a linktype="page" id="3">), if it resolves."""
    from wagtail.models import Page
    from wagtail.rich_text import features

    if attrs.get("linktype") == "page":
        # The linked page itself, not Wagtail's translation of it in the active language,
        # so an export is the same whichever language the command runs in.
        page = Page.objects.filter(pk=attrs.get("id") or None).first()
        return page.url if page is not None and page.live else None
    handler = features.get_link_types().get(attrs.get("linktype"))
    if handler is None:
        return None
    try:
        match = _HREF_RE.search(handler.expand_db_attributes(attrs))
    except Exception:  # a deleted page or document: keep the text, drop the link
        return None
    return match.group(1).replace("&amp;", "&") if match else None


class _Normaliser:
    def __init__(self, base_url=None):
        self.base_url = base_url
        self.blocks = []
        self.pending = None

    # Blocks

    def flush(self):
        if self.pending is not None:
            self.pending.children = _clean_inline(self.pending.children)
            if self.pending.text().strip():
                self.blocks.append(self.pending)
            self.pending = None

    def add_inline(self, nodes, kind):
        if self.pending is None:
            if not any(isinstance(n, Element) or n.strip() for n in nodes):
                return
            self.pending = Element(kind)
        self.pending.children.extend(nodes)

    def walk(self, nodes, kind="p"):
        for node in nodes:
            if isinstance(node, str):
                self.add_inline([node], kind)
            elif node.tag in INLINE_TAGS:
                self.add_inline(self.inline(node), kind)
            elif node.tag == "p" or node.tag in HEADING_MAP:
                self.flush()
                self.walk(node.children, HEADING_MAP.get(node.tag, "p"))
                self.flush()
            elif node.tag in LIST_TAGS:
                self.flush()
                items = self.list(node)
                if items is not None:
                    self.blocks.append(items)
            else:  # div, section, table, blockquote: a container of blocks
                self.flush()
                self.walk(node.children, kind)
                self.flush()

    def list(self, node):
        result = Element(node.tag)
        item = None
        for child in node.children:
            if isinstance(child, Element) and child.tag == "li":
                item = self.list_item(child)
                result.children.append(item)
            elif isinstance(child, Element) and child.tag in LIST_TAGS:
                nested = self.list(child)
                if nested is None:
                    continue
                if item is None:
                    item = Element("li")
                    result.children.append(item)
                item.children.append(nested)
            else:
                inline = self.inline(child)
                if not any(isinstance(n, Element) or n.strip() for n in inline):
                    continue
                item = Element("li", children=inline)
                result.children.append(item)
        for entry in result.children:
            _clean_list_item(entry)
        result.children = [
            entry for entry in result.children if entry.text().strip() or _nested(entry)
        ]
        return result if result.children else None

    def list_item(self, node):
        item = Element("li")
        for child in node.children:
            if isinstance(child, Element) and child.tag in LIST_TAGS:
                nested = self.list(child)
                if nested is not None:
                    item.children.append(nested)
            else:
                item.children.extend(self.inline(child))
        return item

    # Inline content

    def inline(self, node):
        if isinstance(node, str):
            return [node]
        tag = node.tag
        if tag == "br":
            return [" "]
        children = [part for child in node.children for part in self.inline(child)]
        if tag in INLINE_MAP:
            return [Element(INLINE_MAP[tag], children=children)]
        if tag == "a":
            if "linktype" in node.attrs:
                href = safe_href(_wagtail_link(node.attrs), self.base_url)
            else:
                href = safe_href(node.attrs.get("href"), self.base_url)
            return [Element("a", {"href": href}, children)] if href else children
        # A block inside inline content (or inside a list item) still separates words.
        return [" ", *children, " "]


def _nested(item):
    return [c for c in item.children if isinstance(c, Element) and c.tag in LIST_TAGS]


def _clean_list_item(item):
    nested = _nested(item)
    inline = [c for c in item.children if not (isinstance(c, Element) and c.tag in LIST_TAGS)]
    item.children = _clean_inline(inline) + nested


def _clean_inline(nodes):
    nodes = _simplify(nodes, frozenset())
    _trim(nodes, leading=True)
    _trim(nodes, leading=False)
    return _drop_empty(nodes)


def _simplify(nodes, open_tags):
    """Collapse whitespace, unwrap repeated formatting and merge adjacent text."""
    result = []
    for node in nodes:
        if isinstance(node, str):
            parts = [_SPACE_RE.sub(" ", node)]
        elif node.tag in open_tags:
            parts = _simplify(node.children, open_tags)
        else:
            children = _simplify(node.children, open_tags | {node.tag})
            if not any(isinstance(c, Element) or c.strip() for c in children):
                parts = [" "] if children else []
            else:
                parts = [Element(node.tag, node.attrs, children)]
        for part in parts:
            if isinstance(part, str) and result and isinstance(result[-1], str):
                result[-1] = _SPACE_RE.sub(" ", result[-1] + part)
            elif part != "":
                result.append(part)
    return result


def _trim(nodes, leading):
    """Strip whitespace at the start (or end) of a block, descending into inline tags."""
    while nodes:
        index = 0 if leading else -1
        node = nodes[index]
        if isinstance(node, str):
            stripped = node.lstrip() if leading else node.rstrip()
            if stripped:
                nodes[index] = stripped
                return
            nodes.pop(index)
        else:
            _trim(node.children, leading)
            if node.children:
                return
            nodes.pop(index)


def _drop_empty(nodes):
    result = []
    for node in nodes:
        if isinstance(node, Element):
            node.children = _drop_empty(node.children)
            if not node.children:
                continue
        result.append(node)
    return result


def parse_blocks(html, base_url=None):
    """The whitelisted, normalised blocks (p, h2, h3, ul, ol) of an HTML string."""
    builder = _TreeBuilder()
    builder.feed(_CLEANER.clean(html or ""))
    builder.close()
    normaliser = _Normaliser(base_url)
    normaliser.walk(builder.root.children)
    normaliser.flush()
    return normaliser.blocks


def plain_text_blocks(text, headings=()):
    """Blocks of plain text: paragraphs separated by a blank line.

    A paragraph whose lines all start with "- " (or "1. ") becomes a list, and a line that
    is one of the given headings, alone or first in its paragraph, becomes an <h2>.
    """
    blocks = []
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    for paragraph in re.split(r"\n[ \t]*\n", text):
        lines = [line.strip() for line in paragraph.split("\n") if line.strip()]
        if lines and heading_key(lines[0]) in headings:
            blocks.append(Element("h2", children=[_SPACE_RE.sub(" ", lines.pop(0))]))
        if not lines:
            continue
        for pattern, tag in ((_BULLET_RE, "ul"), (_NUMBER_RE, "ol")):
            if all(pattern.match(line) for line in lines):
                items = [
                    Element("li", children=[_SPACE_RE.sub(" ", pattern.sub("", line))])
                    for line in lines
                ]
                blocks.append(Element(tag, children=items))
                break
        else:
            blocks.append(Element("p", children=[_SPACE_RE.sub(" ", " ".join(lines))]))
    return blocks


def heading_key(text):
    """Headings match whatever their case, spacing and trailing colon."""
    return _SPACE_RE.sub(" ", text).strip().rstrip(":").strip().casefold()


def serialise(nodes, names=None):
    """Canonical HTML of a list of blocks or inline nodes; names renames tags (DB_NAMES)."""
    names = names or {}
    out = []
    for node in nodes:
        if isinstance(node, str):
            out.append(escape(node, quote=False))
            continue
        tag = names.get(node.tag, node.tag)
        href = node.attrs.get("href")
        attrs = f' href="{escape(href, quote=True)}"' if tag == "a" and href else ""
        out.append(f"<{tag}{attrs}>{serialise(node.children, names)}</{tag}>")
    return "".join(out)


def sanitise(html, base_url=None):
    """Canonical exchange-format HTML of any HTML string."""
    return serialise(parse_blocks(html, base_url))


def to_db(html):
    """Canonical exchange HTML in Wagtail's rich text database format."""
    return serialise(parse_blocks(html), DB_NAMES)
