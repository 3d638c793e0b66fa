"""The body's HTML: whitelist, canonical form and the sections inside it."""

import pytest

from goodpractice.practices.exchange.body import compose_body, split_body
from goodpractice.practices.exchange.html import is_html, safe_href, sanitise, to_db


@pytest.mark.parametrize(
    ("dirty", "clean"),
    [
        ("<p>Hello</p>", "<p>Hello</p>"),
        (
            "<p><b>bold</b> and <i>italic</i></p>",
            "<p><strong>bold</strong> and <em>italic</em></p>",
        ),
        ('<p onclick="x()" class="c">Text</p>', "<p>Text</p>"),
        ("<script>alert(1)</script><p>Kept</p>", "<p>Kept</p>"),
        ("<style>p {}</style>Loose text", "<p>Loose text</p>"),
        ('<p><a href="javascript:alert(1)">link</a></p>', "<p>link</p>"),
        ('<p><a href="/relative">link</a></p>', "<p>link</p>"),
        (
            '<p><a href="https://thl.fi/" target="_blank">THL</a></p>',
            '<p><a href="https://thl.fi/">THL</a></p>',
        ),
        (
            '<p><a href="mailto:info@example.invalid">mail</a></p>',
            '<p><a href="mailto:info@example.invalid">mail</a></p>',
        ),
        ("<h1>Title</h1><h4>Sub</h4>", "<h2>Title</h2><h3>Sub</h3>"),
        ("<div><span>One</span></div><div>Two</div>", "<p>One</p><p>Two</p>"),
        ("<p>  many \n  spaces&nbsp; here </p>", "<p>many spaces here</p>"),
        ("<p>First<p>Second", "<p>First</p><p>Second</p>"),
        ("<ul><li>a<li>b</ul>", "<ul><li>a</li><li>b</li></ul>"),
        ("<ol><li><p>item</p></li></ol>", "<ol><li>item</li></ol>"),
        ("<ul><li>a<ul><li>b</li></ul></li></ul>", "<ul><li>a<ul><li>b</li></ul></li></ul>"),
        ("<p><strong><strong>x</strong></strong></p>", "<p><strong>x</strong></p>"),
        ("<p><em> </em></p><p></p>", ""),
        ("<p>a &lt; b &amp; c</p>", "<p>a &lt; b &amp; c</p>"),
        ("<p>line<br>break</p>", "<p>line break</p>"),
        ("<table><tr><td>cell</td></tr></table>", "<p>cell</p>"),
        ('<p><img src="x.png" alt="pic">after</p>', "<p>after</p>"),
    ],
)
def test_html_is_reduced_to_the_whitelist(dirty, clean):
    assert sanitise(dirty) == clean


@pytest.mark.parametrize(
    "html",
    [
        "<p>a <strong>b</strong> c</p>",
        '<h2>X</h2><p><em>y</em> <a href="https://example.org/?a=1&amp;b=2">z</a></p>',
        "<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul><ol><li>d</li></ol>",
        "<p>messy <b> spaced </b>  text<p>more",
    ],
)
def test_sanitising_is_stable(html):
    once = sanitise(html)
    assert sanitise(once) == once
    # Wagtail's database format (<b>, <i>) reads back to the same canonical HTML.
    assert sanitise(to_db(once)) == once


def test_database_format_uses_b_and_i():
    assert to_db("<p><strong>a</strong> <em>b</em></p>") == "<p><b>a</b> <i>b</i></p>"


def test_only_http_https_and_mailto_are_linked():
    assert safe_href("https://example.org/a") == "https://example.org/a"
    assert safe_href("mailto:someone@example.invalid")
    assert safe_href("ftp://example.org/") is None
    assert safe_href("data:text/html;base64,xx") is None
    assert safe_href("https://") is None
    assert safe_href("/fi/kaytannot/", base_url="https://site.example") == (
        "https://site.example/fi/kaytannot/"
    )


def test_plain_text_is_not_mistaken_for_html():
    assert not is_html("Costs < 100 euros & more")
    assert is_html("<p>x</p>")


def test_plain_text_paragraphs_lists_and_headings():
    body = (
        "Intro line one\nline two.\n\n"
        "Tarve\n\n"
        "Families wait too long.\n\n"
        "- first\n- second\n\n"
        "Tulokset:\n\n"
        "1. one\n2. two"
    )
    sections = split_body(body, "fi")
    assert sections["description"] == "<p>Intro line one line two.</p>"
    assert (
        sections["need"] == "<p>Families wait too long.</p><ul><li>first</li><li>second</li></ul>"
    )
    assert sections["results"] == "<ol><li>one</li><li>two</li></ol>"


def test_a_plain_text_heading_may_sit_right_above_its_text():
    sections = split_body("Kuvaus.\n\nTarve\nPerheet odottavat.\n\nTulokset\n- parempi", "fi")
    assert sections["description"] == "<p>Kuvaus.</p>"
    assert sections["need"] == "<p>Perheet odottavat.</p>"
    assert sections["results"] == "<ul><li>parempi</li></ul>"


def test_plain_text_is_escaped():
    assert split_body("Costs < 100 & > 50", "fi")["description"] == (
        "<p>Costs &lt; 100 &amp; &gt; 50</p>"
    )


def test_sections_are_split_on_the_headings_of_the_practice_language():
    body = (
        "<p>Before any heading.</p>"
        "<h2>Behov</h2><p>Need.</p>"
        "<h2>Vad som görs</h2><p>Steps.</p><h2>Something else</h2><p>Still steps.</p>"
        "<h2>resultat:</h2><p>Results.</p>"
    )
    sections = split_body(body, "sv")
    assert sections["description"] == (
        "<p>Before any heading.</p><p>Steps.</p><h2>Something else</h2><p>Still steps.</p>"
    )
    assert sections["need"] == "<p>Need.</p>"
    assert sections["results"] == "<p>Results.</p>"
    # Finnish headings mean nothing in a Swedish text.
    assert split_body("<h2>Tarve</h2><p>x</p>", "sv")["description"] == "<h2>Tarve</h2><p>x</p>"


def test_a_body_without_known_headings_is_all_description():
    sections = split_body("<h2>Intro</h2><p>Text</p>", "fi")
    assert sections["description"] == "<h2>Intro</h2><p>Text</p>"
    assert not any(value for name, value in sections.items() if name != "description")


def test_compose_puts_sections_in_order_under_their_headings():
    body = compose_body({"results": "<p>R</p>", "description": "<p>D</p>", "need": ""}, "fi")
    assert body == "<h2>Mitä tehdään</h2><p>D</p><h2>Tulokset</h2><p>R</p>"
    assert compose_body(split_body(body, "fi"), "fi") == body
