"""SITE_URL is the site's one address: every absolute URL, whichever channel, uses it and
never the host a request happened to arrive on."""

import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.core import mail
from django.test import Client
from wagtail.models import Site

from goodpractice.organisations.accounts import approve
from goodpractice.organisations.models import AccountRequest, Organisation
from goodpractice.practices.adoptions import notify_authors
from goodpractice.practices.models import PracticePage
from home.site_setup import ensure_site_structure
from tests.factories import make_adoption, make_member, make_practice, make_user

# `PORT=8123 make run` sets this address; the requests below arrive on another one.
CANONICAL = "http://hyvat.example:8123"
ELSEWHERE = {"HTTP_HOST": "10.0.0.5:8000"}
URL = re.compile(r"https?://[^\s\"'<>]+")


@pytest.fixture
def canonical(site, settings):
    settings.SITE_URL = settings.WAGTAILADMIN_BASE_URL = CANONICAL
    ensure_site_structure()
    return CANONICAL


def site_urls(text):
    """The absolute URLs in text that point at this site (not the licence, XML namespaces)."""
    elsewhere = ("creativecommons.org", "www.w3.org", "www.sitemaps.org")
    return [url for url in URL.findall(text) if not any(host in url for host in elsewhere)]


def assert_canonical(urls):
    assert urls, "no absolute URL found"
    wrong = [url for url in urls if not url.startswith(CANONICAL + "/")]
    assert not wrong, wrong


def test_setup_site_takes_the_sites_address_from_site_url(site, settings):
    settings.SITE_URL = "https://hyvatkaytannot.fi"
    ensure_site_structure()
    ensure_site_structure()
    [record] = Site.objects.all()
    assert (record.hostname, record.port) == ("hyvatkaytannot.fi", 443)
    assert record.root_url == "https://hyvatkaytannot.fi"

    # Served on another port later: setup_site follows the change.
    settings.SITE_URL = "http://127.0.0.1:8123/"
    ensure_site_structure()
    [record] = Site.objects.all()
    assert (record.hostname, record.port) == ("127.0.0.1", 8123)
    practice = make_practice()
    assert practice.full_url == f"http://127.0.0.1:8123{practice.url}"


def test_sitemap(canonical):
    make_practice(title="Perhekeskus kaikille")
    response = Client().get("/sitemap.xml", **ELSEWHERE)
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    locations = [element.text for element in root.iter() if element.tag.endswith("loc")]
    alternates = [element.get("href") for element in root.iter() if element.tag.endswith("}link")]
    assert any("/kaytannot/" in url for url in locations)
    assert any("/en/prize/" in url for url in locations)
    assert_canonical(locations + alternates)


def test_feeds(canonical):
    make_practice(title="Perhekeskus kaikille")
    for path in ("/fi/syote/", "/sv/flode/", "/en/feed/"):
        response = Client().get(path, **ELSEWHERE)
        assert response.status_code == 200
        assert_canonical(site_urls(response.content.decode()))


def test_practice_api(canonical):
    practice = make_practice(title="Perhekeskus kaikille")
    client = Client()
    listing = client.get("/api/practices/", **ELSEWHERE).content.decode()
    detail = client.get(f"/api/practices/{practice.pk}/", **ELSEWHERE).content.decode()
    index = client.get("/api/", **ELSEWHERE).content.decode()
    assert f"{CANONICAL}{practice.url}" in listing
    for body in (listing, detail, index):
        assert_canonical(site_urls(body))


def test_awards_api_gives_winners_urls_on_the_sites_address(canonical):
    from tests.awards.announced import decided_round

    practice = make_practice(title="Hyvinvointineuvola")
    decided_round(2026, practice=practice)
    data = Client().get("/api/awards/", **ELSEWHERE).json()
    [winner] = [w for r in data["rounds"] for w in r["winners"] if w["kind"] == "winner"]
    assert winner["url"] == f"{CANONICAL}{practice.url}"
    assert winner["organisation"]["url"].startswith(CANONICAL + "/")
    assert_canonical(site_urls(json.dumps(data)))


def test_pages_canonical_open_graph_and_language_links(canonical):
    practice = make_practice(title="Perhekeskus kaikille")
    html = Client().get(practice.url, **ELSEWHERE).content.decode()
    canonical_link = re.search(r'<link rel="canonical" href="([^"]+)"', html)[1]
    assert canonical_link == f"{CANONICAL}{practice.url}"
    assert f'<meta property="og:url" content="{CANONICAL}{practice.url}">' in html
    alternates = re.findall(r'<link rel="alternate" hreflang="[^"]+" href="([^"]+)"', html)
    assert len(alternates) >= 3
    assert_canonical(alternates)


def test_account_approval_email(canonical):
    turku = Organisation.objects.lookup("853")
    request = AccountRequest.objects.create(
        name="Maija Meikäläinen", organisation=turku, email="maija@turku.example", language="fi"
    )
    approve(request, make_user(groups=("Editors",)))
    [message] = [m for m in mail.outbox if m.to == ["maija@turku.example"]]
    assert_canonical(site_urls(message.body))


def test_adoption_email(canonical):
    practice = make_practice(title="Perhekeskus kaikille", organisations=("853",))
    make_member("853", email="tekija@turku.example")
    mail.outbox.clear()
    notify_authors(make_adoption(practice, "091"))
    [message] = [m for m in mail.outbox if m.to == ["tekija@turku.example"]]
    assert_canonical(site_urls(message.body))


def test_moderation_approval_email_links_to_the_published_page(canonical):
    from tests.integration.test_moderation import (
        TITLE,
        add_url,
        edit_url,
        signed_in,
        submit,
        workflow_action,
    )

    contributor = make_member("853", email="kirjoittaja@turku.example")
    editor = signed_in(make_user(groups=("Editors",), email="editor@example.invalid"))
    assert signed_in(contributor).post(add_url(), submit()).status_code == 302
    page = PracticePage.objects.get(title=TITLE, alias_of__isnull=True)
    mail.outbox.clear()
    assert editor.post(edit_url(page), workflow_action("approve")).status_code == 302
    [approved] = [m for m in mail.outbox if m.to == [contributor.email]]
    page.refresh_from_db()
    assert f"{CANONICAL}{page.url}" in approved.body
    assert_canonical(site_urls(approved.body))
