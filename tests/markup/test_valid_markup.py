"""The public pages and the style sheets pass the Nu Html Checker; the sitemap passes the
sitemaps.org schema."""

import re
from pathlib import Path

from django.conf import settings
from django.test import Client
from lxml import etree

from tests.factories import make_practice

from .nu_checker import check

SITEMAP_SCHEMA = Path(__file__).with_name("sitemap.xsd")


def css_files():
    return sorted(Path(settings.BASE_DIR).glob("static/css/*.css")) + sorted(
        Path(settings.BASE_DIR).glob("goodpractice/*/static/**/*.css")
    )


def test_every_public_page_type_is_valid_html(rendered, tmp_path):
    assert len(rendered) >= 40
    errors = check(sorted(tmp_path.glob("*.html")))
    assert not errors, "\n".join(errors)


def test_every_public_page_has_a_meta_description(rendered):
    missing = [
        f"{name} ({path})"
        for name, (path, html) in rendered.items()
        if not re.search(r'<meta name="description" content="[^"]{20,}">', html)
    ]
    assert not missing


def test_the_home_page_calls_for_nominations_while_a_round_is_open(rendered):
    _path, html = rendered["fi-home"]
    assert "Ehdota tekoa: Kunnallinen lastensuojeluteko 2027" in html
    assert re.search(r'<time datetime="\d{4}-\d\d-\d\d">', html)
    _path, html = rendered["sv-home"]
    assert "/sv/pris/" in html


def test_the_style_sheets_are_valid_css():
    files = css_files()
    assert files
    errors = check(files, css=True)
    assert not errors, "\n".join(errors)


def _without_comments_and_strings(css):
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    return re.sub(r'"(?:\\.|[^"\\])*"|\'(?:\\.|[^\'\\])*\'', '""', css)


def test_every_css_rule_is_closed_before_the_next_one_starts():
    """Without Java: an unclosed rule swallows every rule after it (as .hero__search did).

    Only at-rules (@media, @supports, @keyframes) may hold blocks; the site's CSS does not
    use CSS nesting, so a block opened inside a style rule is a missing "}".
    """
    for path in css_files():
        stack = []  # one entry per open block: whether it belongs to an at-rule
        statement = ""
        for number, line in enumerate(
            _without_comments_and_strings(path.read_text()).splitlines(), 1
        ):
            for char in line:
                if char == "{":
                    assert all(stack), f"{path.name}:{number}: a rule inside an unclosed rule"
                    stack.append(statement.strip().startswith("@"))
                    statement = ""
                elif char == "}":
                    assert stack, f"{path.name}:{number}: a }} that closes nothing"
                    stack.pop()
                    statement = ""
                elif char == ";":
                    statement = ""
                else:
                    statement += char
            statement += " "
        assert not stack, f"{path.name}: {len(stack)} block(s) never closed"


def test_the_sitemap_follows_the_sitemaps_org_schema(site):
    make_practice(title="Sisukas")
    response = Client().get("/sitemap.xml")
    assert response.status_code == 200
    schema = etree.XMLSchema(etree.parse(str(SITEMAP_SCHEMA)))
    document = etree.fromstring(response.content)
    assert schema.validate(document), schema.error_log
