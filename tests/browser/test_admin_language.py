"""Every role's admin pages in Finnish and in Swedish, with no English left.

A page fails when its visible text contains an English string of the catalogues (Django,
Wagtail, wagtail-localize, the project) that has no translation in the user's language:
see tests/browser/untranslated.py. The demo data gives each role something to look at.
"""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from wagtail.users.models import UserProfile

from goodpractice.awards.models import Round
from goodpractice.practices.models import PracticeIndexPage
from tests.awards.factories import make_user
from tests.browser.untranslated import english_in
from tests.factories import make_member, make_practice

pytestmark = pytest.mark.browser

PASSWORD = "pw-for-tests-only"
LANGUAGES = {"fi": "fi-FI", "sv": "sv-FI"}


@pytest.fixture
def demo(live_site):
    with override_settings(DEBUG=True):
        call_command("load_demo_data", stdout=StringIO())
    make_member("853", username="kirjoittaja")
    practice = make_practice(title="Turun perhekeskus", organisations=("853",), publish=False)
    editor = make_user("toimittaja")
    editor.groups.add(Group.objects.get(name="Editors"))
    secretary = make_user("sihteeri")
    secretary.groups.add(Group.objects.get(name="Secretariat"))
    for username in ("kirjoittaja", "demo-juror", "demo-chair"):
        user = get_user_model().objects.get(username=username)
        user.set_password(PASSWORD)
        user.save()
    return {
        "url": live_site.url,
        "practice": practice,
        "index": PracticeIndexPage.objects.get(locale__language_code="fi"),
        "scoring": Round.objects.get(name_en="Jury practice round"),
        "finished": Round.objects.filter(decision__isnull=False).first(),
    }


def role_pages(demo):
    practice, index = demo["practice"], demo["index"]
    scoring, finished = demo["scoring"], demo["finished"]
    nomination = scoring.nominations.first()
    admin = [reverse("wagtailadmin_home")]
    return {
        "kirjoittaja": admin
        + [
            reverse("wagtailadmin_explore", args=[index.pk]),
            reverse("wagtailadmin_pages:add", args=("practices", "practicepage", index.pk)),
            reverse("wagtailadmin_pages:edit", args=[practice.pk]),
            reverse("wagtailadmin_account"),
        ],
        "toimittaja": admin
        + [
            reverse("wagtailadmin_explore", args=[index.pk]),
            reverse("wagtailadmin_pages:edit", args=[practice.pk]),
            reverse("practices_status_report"),
            reverse("wagtailadmin_reports:site_history"),
            reverse("wagtailadmin_reports:workflow"),
        ],
        "sihteeri": admin + [reverse("awards_jury:rounds")],
        "demo-juror": admin
        + [
            reverse("awards_jury:rounds"),
            reverse("awards_jury:round", args=[scoring.pk]),
            reverse("awards_jury:nomination", args=[scoring.pk, nomination.pk]),
        ],
        "demo-chair": admin + [reverse("awards_jury:results", args=[finished.pk])],
    }


def sign_in(page, base, username):
    page.goto(f"{base}{reverse('wagtailadmin_login')}")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/admin/")


def english_on(page, language):
    page.wait_for_load_state("load")
    return [
        f"{page.url}: {part!r} (from {msgid!r})"
        for part, msgid, _path in english_in(page.inner_text("body"), language)
    ]


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_every_roles_admin_pages_are_in_the_users_language(browser, demo, language):
    found = []
    context = browser.new_context(locale=LANGUAGES[language])
    page = context.new_page()
    page.goto(f"{demo['url']}{reverse('wagtailadmin_login')}")
    found += english_on(page, language)
    context.close()
    for username, paths in role_pages(demo).items():
        user = get_user_model().objects.get(username=username)
        profile = UserProfile.get_for_user(user)
        profile.preferred_language = language
        profile.save()
        context = browser.new_context(locale=LANGUAGES[language])
        page = context.new_page()
        sign_in(page, demo["url"], username)
        for path in paths:
            page.goto(f"{demo['url']}{path}")
            found += english_on(page, language)
        context.close()
    assert not found, "English left in the admin:\n" + "\n".join(found)
