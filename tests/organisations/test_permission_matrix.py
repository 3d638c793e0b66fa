"""Who can do what in the admin: anonymous, contributors of Turku (A) and Helsinki (B), an
organisation admin of Turku, an editor and a superuser.

Contributors work only on their own organisations' practices and cannot publish; they
do not see other organisations' drafts, revisions or contact details, nor other admin
areas. Checked through the server's responses, not by looking for hidden links.
"""

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Page

from goodpractice.organisations.models import Organisation
from goodpractice.practices.models import PracticeIndexPage, PracticePage
from tests.factories import make_adoption, make_member, make_practice, make_user
from tests.integration.test_practice_admin import practice_form

TURKU, HELSINKI = "853", "091"
ROLES = ("anonymous", "contributor_a", "contributor_b", "org_admin_a", "editor", "superuser")
OK, DENIED, LOGIN = "ok", "denied", "login"


@pytest.fixture
def world(site):
    """Practices of A and B, one of B's still a draft, A's adoption of B's practice, and a
    client per role."""
    practices = {
        "a": make_practice(
            title="Turun perhekeskus",
            organisations=(TURKU,),
            contact_email="yhteys@turku.example",
        ),
        "b_live": make_practice(title="Helsingin kotipalvelu", organisations=(HELSINKI,)),
        "b_draft": make_practice(
            title="Helsingin luonnos",
            organisations=(HELSINKI,),
            publish=False,
            contact_email="salainen@hel.example",
        ),
    }
    practices["adoption"] = make_adoption(practices["b_live"], TURKU)
    users = {
        "contributor_a": make_member(TURKU),
        "contributor_b": make_member(HELSINKI),
        "org_admin_a": make_member(TURKU, role="admin"),
        "editor": make_user(groups=("Editors",)),
        "superuser": make_user(superuser=True),
    }
    clients = {"anonymous": Client()}
    for role, user in users.items():
        client = Client()
        client.force_login(user)
        client.cookies["django_language"] = "en"
        clients[role] = client
    return practices, clients


def outcome(response):
    if response.status_code == 200:
        return OK
    if response.status_code == 302 and reverse("wagtailadmin_login") in response.url:
        return LOGIN
    # Wagtail answers a refused admin page with a redirect to the dashboard, or 403.
    assert response.status_code in (302, 403), response.status_code
    return DENIED


def expect(anonymous=LOGIN, a=DENIED, b=DENIED, admin_a=None, editor=DENIED, superuser=OK):
    return dict(
        zip(
            ROLES,
            (anonymous, a, b, a if admin_a is None else admin_a, editor, superuser),
            strict=True,
        )
    )


def index_fi():
    return PracticeIndexPage.objects.get(locale__language_code="fi")


MATRIX = {
    "explorer": (
        lambda p: reverse("wagtailadmin_explore", args=(index_fi().pk,)),
        expect(a=OK, b=OK, editor=OK),
    ),
    "edit the practice index": (
        lambda p: reverse("wagtailadmin_pages:edit", args=(index_fi().pk,)),
        expect(editor=OK),
    ),
    "edit A's practice": (
        lambda p: reverse("wagtailadmin_pages:edit", args=(p["a"].pk,)),
        expect(a=OK, editor=OK),
    ),
    "edit B's draft": (
        lambda p: reverse("wagtailadmin_pages:edit", args=(p["b_draft"].pk,)),
        expect(b=OK, editor=OK),
    ),
    "B's revisions": (
        lambda p: reverse("wagtailadmin_pages:history", args=(p["b_draft"].pk,)),
        expect(b=OK, editor=OK),
    ),
    "B's latest revision": (
        lambda p: reverse(
            "wagtailadmin_pages:revisions_view",
            args=(p["b_draft"].pk, p["b_draft"].latest_revision_id),
        ),
        expect(b=OK, editor=OK),
    ),
    "B's workflow history": (
        lambda p: reverse("wagtailadmin_pages:workflow_history", args=(p["b_draft"].pk,)),
        expect(b=OK, editor=OK),
    ),
    "preview of B's draft": (
        lambda p: reverse("wagtailadmin_pages:view_draft", args=(p["b_draft"].pk,)),
        expect(b=OK, editor=OK),
    ),
    "alias of A's practice": (
        lambda p: reverse(
            "wagtailadmin_pages:edit",
            args=(PracticePage.objects.get(alias_of=p["a"], locale__language_code="sv").pk,),
        ),
        expect(editor=OK),
    ),
    "taxonomy snippets": (
        lambda p: reverse("wagtailsnippets_practices_theme:list"),
        expect(editor=OK),
    ),
    "organisation snippets": (
        lambda p: reverse("wagtailsnippets_organisations_organisation:list"),
        expect(editor=OK),
    ),
    "account requests": (
        lambda p: reverse("organisations_accountrequest:index"),
        expect(editor=OK),
    ),
    "memberships": (lambda p: reverse("organisations_membership:index"), expect(editor=OK)),
    "awards admin": (lambda p: reverse("wagtailsnippets_awards_nomination:list"), expect()),
    "users": (lambda p: reverse("wagtailusers_users:index"), expect()),
    "sites settings": (lambda p: reverse("wagtailsites:index"), expect()),
    "practices to review report": (
        lambda p: reverse("practices_stale_report"),
        expect(editor=OK),
    ),
    "practices by status report": (
        lambda p: reverse("practices_status_report"),
        expect(editor=OK),
    ),
    "practices by status report results": (
        lambda p: reverse("practices_status_report_results"),
        expect(editor=OK),
    ),
    "practices by status, CSV export": (
        lambda p: reverse("practices_status_report") + "?export=csv",
        expect(editor=OK),
    ),
    "practices by status, XLSX export": (
        lambda p: reverse("practices_status_report") + "?export=xlsx&status=published",
        expect(editor=OK),
    ),
    "mark A's practice as reviewed": (
        lambda p: reverse("practices_mark_reviewed", args=(p["a"].pk,)),
        expect(editor=OK),
    ),
    "personal data search": (
        lambda p: reverse("privacy_person") + "?email=yhteys@turku.example",
        expect(editor=OK),
    ),
    "personal data erasure confirmation": (
        lambda p: reverse("privacy_erase") + "?email=yhteys@turku.example",
        expect(editor=OK),
    ),
    # The public "We use this too" form: members of an organisation other than the
    # practice's own; the refused see why (403), the anonymous are sent to sign in.
    "adoption form for B's practice": (
        lambda p: reverse("practice_adopt", args=(p["b_live"].pk,)),
        expect(a=OK, editor=DENIED, superuser=DENIED),
    ),
    "adoptions admin": (lambda p: reverse("practices_adoption:index"), expect(editor=OK)),
    "edit an adoption": (
        lambda p: reverse("practices_adoption:edit", args=(p["adoption"].pk,)),
        expect(editor=OK),
    ),
    "delete an adoption": (
        lambda p: reverse("practices_adoption:delete", args=(p["adoption"].pk,)),
        expect(editor=OK),
    ),
    "my organisation": (
        lambda p: reverse("organisations_members"),
        expect(admin_a=OK, superuser=DENIED),
    ),
}


@pytest.mark.parametrize("area", MATRIX)
def test_admin_url_matrix(world, area):
    practices, clients = world
    make_url, expected = MATRIX[area]
    url = make_url(practices)
    actual = {role: outcome(clients[role].get(url)) for role in ROLES}
    assert actual == expected


@pytest.mark.parametrize("url_name", ["privacy_export", "privacy_erase"])
def test_only_editors_export_or_erase_personal_data(world, url_name):
    from goodpractice.privacy.models import PrivacyRequest

    practices, clients = world
    for role in ("anonymous", "contributor_a", "org_admin_a"):
        response = clients[role].post(reverse(url_name), {"email": "yhteys@turku.example"})
        assert outcome(response) in (DENIED, LOGIN)
    assert not PrivacyRequest.objects.exists()
    practices["a"].refresh_from_db()
    assert practices["a"].contact_email == "yhteys@turku.example"
    response = clients["editor"].post(reverse(url_name), {"email": "yhteys@turku.example"})
    assert response.status_code in (200, 302)
    assert PrivacyRequest.objects.count() == 1


def explorer_titles(client):
    content = client.get(reverse("wagtailadmin_explore", args=(index_fi().pk,))).content.decode()
    return {
        title
        for title in ("Turun perhekeskus", "Helsingin kotipalvelu", "Helsingin luonnos")
        if title in content
    }


def test_explorer_lists_only_own_organisations_practices(world):
    _practices, clients = world
    assert explorer_titles(clients["contributor_a"]) == {"Turun perhekeskus"}
    assert explorer_titles(clients["org_admin_a"]) == {"Turun perhekeskus"}
    assert explorer_titles(clients["contributor_b"]) == {
        "Helsingin kotipalvelu",
        "Helsingin luonnos",
    }
    assert explorer_titles(clients["editor"]) == {
        "Turun perhekeskus",
        "Helsingin kotipalvelu",
        "Helsingin luonnos",
    }


def test_the_explorer_menu_api_hides_other_organisations_practices(world):
    _practices, clients = world
    url = reverse("wagtailadmin_api:pages:listing")
    titles = {
        role: {
            item["title"]
            for item in clients[role].get(url, {"child_of": index_fi().pk}).json()["items"]
        }
        for role in ("contributor_a", "editor")
    }
    assert titles["contributor_a"] == {"Turun perhekeskus"}
    assert "Helsingin luonnos" in titles["editor"]


def test_admin_search_and_site_history_hide_other_organisations_drafts(world):
    _practices, clients = world
    for client in (clients["contributor_a"],):
        search = client.get(reverse("wagtailadmin_pages:search"), {"q": "Helsingin"})
        assert search.status_code == 200
        assert "Helsingin luonnos" not in search.content.decode()
        history = client.get(reverse("wagtailadmin_reports:site_history"))
        if history.status_code == 200:
            assert "Helsingin luonnos" not in history.content.decode()
    search = clients["editor"].get(reverse("wagtailadmin_pages:search"), {"q": "Helsingin"})
    assert "Helsingin luonnos" in search.content.decode()


def test_contact_details_of_other_organisations_stay_hidden(world):
    practices, clients = world
    a_edit = clients["contributor_a"].get(
        reverse("wagtailadmin_pages:edit", args=(practices["a"].pk,))
    )
    assert "yhteys@turku.example" in a_edit.content.decode()
    for url in (
        reverse("wagtailadmin_pages:edit", args=(practices["b_draft"].pk,)),
        reverse("wagtailadmin_pages:view_draft", args=(practices["b_draft"].pk,)),
        reverse("wagtailadmin_pages:search") + "?q=Helsingin",
    ):
        response = clients["contributor_a"].get(url, follow=True)
        assert "salainen@hel.example" not in response.content.decode()


def add_url():
    return reverse("wagtailadmin_pages:add", args=("practices", "practicepage", index_fi().pk))


def new_practice(organisation_code, **changes):
    form = practice_form(**changes)
    form["organisations"] = [Organisation.objects.lookup(organisation_code).pk]
    return form


@pytest.mark.parametrize(
    ("role", "organisation", "created"),
    [
        ("contributor_a", TURKU, True),
        ("contributor_a", HELSINKI, False),
        ("org_admin_a", HELSINKI, False),
        ("editor", HELSINKI, True),
    ],
)
def test_creating_a_practice_only_for_own_organisation(world, role, organisation, created):
    _practices, clients = world
    response = clients[role].post(add_url(), new_practice(organisation))
    exists = PracticePage.objects.filter(title="Perhekeskus hallinnasta").exists()
    assert exists == created
    if created:
        assert response.status_code == 302
        page = PracticePage.objects.get(title="Perhekeskus hallinnasta", alias_of__isnull=True)
        assert not page.live
    else:
        assert response.status_code == 200
        assert "Select a valid choice" in response.content.decode()


@pytest.mark.parametrize(("role", "published"), [("contributor_a", False), ("editor", True)])
def test_only_editors_publish(world, role, published):
    _practices, clients = world
    response = clients[role].post(
        add_url(), new_practice(TURKU, **{"action-publish": "action-publish"})
    )
    assert response.status_code == 302
    page = PracticePage.objects.get(title="Perhekeskus hallinnasta", alias_of__isnull=True)
    assert page.live == published


def test_a_contributor_cannot_publish_or_edit_others_by_posting(world):
    practices, clients = world
    draft = practices["b_draft"]
    # Contributor A posts an edit of B's draft directly.
    form = practice_form(title="Kaapattu", slug=draft.slug, **{"action-publish": "action-publish"})
    response = clients["contributor_a"].post(
        reverse("wagtailadmin_pages:edit", args=(draft.pk,)), form
    )
    assert outcome(response) == DENIED
    draft.refresh_from_db()
    assert draft.title == "Helsingin luonnos" and not draft.live

    # Contributor A's own edit with "publish" saves a draft only.
    own = practices["a"]
    form = practice_form(
        title="Turun perhekeskus, uusi", slug=own.slug, **{"action-publish": "action-publish"}
    )
    response = clients["contributor_a"].post(
        reverse("wagtailadmin_pages:edit", args=(own.pk,)), form
    )
    assert response.status_code == 302
    own.refresh_from_db()
    assert own.title == "Turun perhekeskus"  # the live version is unchanged
    assert own.get_latest_revision_as_object().title == "Turun perhekeskus, uusi"


def test_contributors_cannot_feature_practices_or_reach_reports(world):
    practices, clients = world
    form = practice_form(slug=practices["a"].slug, title="Turun perhekeskus", featured="on")
    clients["contributor_a"].post(
        reverse("wagtailadmin_pages:edit", args=(practices["a"].pk,)), form
    )
    assert not practices["a"].get_latest_revision_as_object().featured
    home = clients["contributor_a"].get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("wagtailadmin_reports:site_history") not in home


def test_editors_group_and_contributors_group_permissions(world):
    from django.contrib.auth.models import Group

    contributors = Group.objects.get(name="Contributors")
    assert (
        contributors.page_permissions.filter(page__in=PracticeIndexPage.objects.all()).count() == 6
    )
    assert not contributors.page_permissions.filter(permission__codename="publish_page").exists()
    editors = Group.objects.get(name="Editors")
    assert editors.page_permissions.filter(
        page=Page.get_first_root_node(), permission__codename="publish_page"
    ).exists()


def test_what_a_refused_contributor_sees(world):
    practices, clients = world
    response = clients["contributor_a"].get(
        reverse("wagtailadmin_pages:edit", args=(practices["b_draft"].pk,)), follow=True
    )
    content = response.content.decode()
    assert "Sorry, you do not have permission to access this area." in content
    assert "Helsingin luonnos" not in content


@pytest.mark.parametrize(("role", "can_publish"), [("contributor_a", False), ("editor", True)])
def test_the_publish_button_is_offered_only_to_editors(world, role, can_publish):
    practices, clients = world
    response = clients[role].get(reverse("wagtailadmin_pages:edit", args=(practices["a"].pk,)))
    assert response.status_code == 200
    assert ('name="action-publish"' in response.content.decode()) == can_publish


def test_contributors_upload_documents_but_do_not_browse_others(world):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    Document.objects.create(title="Helsingin luonnoksen liite", file=ContentFile(b"x", "liite.txt"))
    _practices, clients = world
    chooser = clients["contributor_a"].get(reverse("wagtaildocs_chooser:choose"))
    assert chooser.status_code == 200
    assert "Helsingin luonnoksen liite" not in chooser.content.decode()
    assert (
        "Helsingin luonnoksen liite"
        in clients["editor"].get(reverse("wagtaildocs_chooser:choose")).content.decode()
    )
