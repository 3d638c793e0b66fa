"""Properties of the body's sanitiser over generated HTML, hostile and canonical."""

import re
from html import escape

from hypothesis import given, settings
from hypothesis import strategies as st

from goodpractice.practices.exchange.html import sanitise, to_db

CANONICAL_TAGS = {"p", "h2", "h3", "ul", "ol", "li", "strong", "em", "a"}
HOSTILE_TAGS = ["script", "style", "iframe", "svg", "img", "object", "textarea", "math", "form"]
ORDINARY_TAGS = ["p", "div", "span", "b", "i", "strong", "em", "h1", "h4", "ul", "ol", "li", "td"]
HOSTILE_ATTRIBUTES = [
    'onclick="steal()"',
    "onerror=alert(1)",
    'ONMOUSEOVER="x()"',
    'style="background:url(javascript:alert(1))"',
    'href="javascript:alert(1)"',
    'href="JaVaScRiPt:alert(1)"',
    'href="java&#x09;script:alert(1)"',
    'href=" javascript:alert(1)"',
    'href="vbscript:x"',
    'href="data:text/html;base64,PHNjcmlwdD4="',
    'src="javascript:alert(1)"',
    'href="https://example.org/?a=1&amp;b=2"',
    'href="mailto:someone@example.invalid"',
]
text = st.text(alphabet="abcäöå ÅÖ<>&\"'=:;/()-\n\t", max_size=12)


@st.composite
def elements(draw, children):
    tag = draw(st.sampled_from(HOSTILE_TAGS + ORDINARY_TAGS + ["a"]))
    attributes = draw(st.lists(st.sampled_from(HOSTILE_ATTRIBUTES), max_size=2))
    inner = "".join(draw(st.lists(children, max_size=3)))
    opening = " ".join([tag, *attributes])
    # Sometimes left unclosed, as careless HTML is.
    closing = draw(st.sampled_from([f"</{tag}>", ""]))
    return f"<{opening}>{inner}{closing}"


hostile_html = st.recursive(
    text | st.sampled_from(["<script>alert(1)</script>", "<!-- x -->", "&lt;script&gt;"]),
    elements,
    max_leaves=12,
)

_TAG = re.compile(r"<\s*/?\s*([a-zA-Z0-9]+)([^>]*)>")


@settings(max_examples=300, deadline=None)
@given(hostile_html)
def test_no_script_event_handler_or_javascript_address_survives(html):
    clean = sanitise(html)
    for tag, attributes in _TAG.findall(clean):
        assert tag in CANONICAL_TAGS
        assert attributes == "" or re.fullmatch(r' href="(https?://|mailto:)[^"]*"', attributes)
    lowered = clean.lower()
    assert "<script" not in lowered and "javascript:" not in lowered
    assert not re.search(r"<[^>]*\son[a-z]+\s*=", lowered)


@settings(max_examples=200, deadline=None)
@given(hostile_html)
def test_sanitised_html_is_stable_through_the_database_format(html):
    clean = sanitise(html)
    assert sanitise(clean) == clean
    assert sanitise(to_db(clean)) == clean


# Canonical HTML: what the exporter writes. It must come back byte for byte.
word = st.text(alphabet="abcdefghäöåÅÖ0123456789<>&\"'", min_size=1, max_size=8)
phrase = st.lists(word, min_size=1, max_size=4).map(" ".join).map(lambda s: escape(s, quote=False))
link = st.sampled_from(
    ["https://thl.fi/", "http://example.org/a?b=1&amp;c=2", "mailto:info@example.invalid"]
)
formatted = st.tuples(st.sampled_from(["strong", "em"]), phrase).map(
    lambda t: f"<{t[0]}>{t[1]}</{t[0]}>"
) | st.tuples(link, phrase).map(lambda t: f'<a href="{t[0]}">{t[1]}</a>')
inline = st.lists(phrase | formatted, min_size=1, max_size=4).map(" ".join)
items = st.lists(inline.map(lambda s: f"<li>{s}</li>"), min_size=1, max_size=3).map("".join)
block = st.tuples(st.sampled_from(["p", "h2", "h3"]), inline).map(
    lambda t: f"<{t[0]}>{t[1]}</{t[0]}>"
) | st.tuples(st.sampled_from(["ul", "ol"]), items).map(lambda t: f"<{t[0]}>{t[1]}</{t[0]}>")


@settings(max_examples=300, deadline=None)
@given(st.lists(block, min_size=1, max_size=5).map("".join))
def test_allowed_markup_round_trips_byte_for_byte(html):
    assert sanitise(html) == html
    assert sanitise(to_db(html)) == html
