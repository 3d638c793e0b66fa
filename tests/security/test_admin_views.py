"""Wagtail's generic admin views that any admin user could open: workflow preview, bulk
actions, the nomination chooser and wagtail-localize's snippets API."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.awards.factories import in_group, make_juror, make_nomination, make_round
from tests.awards.factories import organisations as prize_organisations
from tests.factories import make_member, make_practice, make_user

from .responses import response_text

TURKU, HELSINKI = "853", "091"
B_DRAFT = "Helsingin salainen luonnos"
PENDING = "Seulomaton salainen ehdotus"


def signed_in(user):
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = "en"
    return client


@pytest.fixture
def b_draft_in_moderation(site):
    author = make_member(HELSINKI)
    page = make_practice(title=B_DRAFT, organisations=(HELSINKI,), publish=False)
    workflow = page.get_workflow()
    workflow_state = workflow.start(page, author)
    return page, workflow_state.current_task_state.task


@pytest.fixture
def pending_nomination(db):
    round_ = make_round()
    make_nomination(round_, prize_organisations()["imatra"], eligible=None, title=PENDING)
    return round_


def test_workflow_preview_does_not_name_another_organisations_draft(b_draft_in_moderation):
    page, task = b_draft_in_moderation
    client = signed_in(make_member(TURKU))
    url = reverse("wagtailadmin_pages:workflow_preview", args=(page.pk, task.pk))
    response = client.get(url, follow=True)
    assert B_DRAFT not in response_text(response)


def test_editors_still_preview_a_draft_in_moderation(b_draft_in_moderation):
    page, task = b_draft_in_moderation
    client = signed_in(make_user(groups=("Editors",)))
    url = reverse("wagtailadmin_pages:workflow_preview", args=(page.pk, task.pk))
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("action", ["delete", "unpublish", "move", "publish"])
def test_page_bulk_actions_do_not_list_others_pages(b_draft_in_moderation, action):
    page, _task = b_draft_in_moderation
    client = signed_in(make_member(TURKU))
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", action))
    response = client.get(url, {"id": page.pk, "next": "/admin/"}, follow=True)
    assert B_DRAFT not in response_text(response)


def test_page_bulk_actions_still_list_pages_to_those_who_may_act(b_draft_in_moderation):
    page, _task = b_draft_in_moderation
    client = signed_in(make_user(superuser=True))
    url = reverse("wagtail_bulk_action", args=("wagtailcore", "page", "publish"))
    response = client.get(url, {"id": page.pk, "next": "/admin/"})
    assert B_DRAFT in response_text(response)


NOMINATION_URLS = [
    reverse("wagtailsnippetchoosers_awards_nomination:choose"),
    reverse("wagtailsnippetchoosers_awards_nomination:choose_results"),
    reverse("wagtail_localize:snippets_api_listing", args=("awards", "nomination")),
]


@pytest.mark.parametrize("who", ["contributor", "juror"])
def test_nominations_are_not_listed_to_contributors_or_jurors(pending_nomination, who):
    user = make_member(TURKU) if who == "contributor" else make_juror(pending_nomination).user
    client = signed_in(user)
    nomination = pending_nomination.nominations.get()
    urls = [
        *NOMINATION_URLS,
        reverse(
            "wagtail_localize:snippets_api_detail", args=("awards", "nomination", nomination.pk)
        ),
        reverse("wagtail_bulk_action", args=("awards", "nomination", "delete"))
        + f"?id={nomination.pk}&next=/admin/",
    ]
    for url in urls:
        response = client.get(url, follow=True)
        assert PENDING not in response_text(response), url


def test_secretariat_still_chooses_nominations(pending_nomination):
    client = signed_in(in_group("Secretariat"))
    response = client.get(NOMINATION_URLS[0])
    assert PENDING in response_text(response)


@pytest.mark.parametrize(
    "name",
    ["wagtailadmin_explore", "wagtailadmin_choose_page_child", "wagtailadmin_pages:move_confirm"],
)
def test_page_urls_do_not_name_another_organisations_draft(b_draft_in_moderation, name):
    page, _task = b_draft_in_moderation
    client = signed_in(make_member(TURKU))
    args = (page.pk, page.get_parent().pk) if name.endswith("move_confirm") else (page.pk,)
    response = client.get(reverse(name, args=args), follow=True)
    assert B_DRAFT not in response_text(response)


def test_tag_autocomplete_does_not_offer_other_organisations_draft_keywords(site):
    make_practice(organisations=(HELSINKI,), publish=False, keywords=("salainen-luonnos",))
    make_practice(organisations=(HELSINKI,), keywords=("salainen-julkinen",))
    make_practice(organisations=(TURKU,), publish=False, keywords=("salainen-oma",))
    client = signed_in(make_member(TURKU))
    for url in (
        reverse("wagtailadmin_tag_autocomplete"),
        reverse("wagtailadmin_tag_model_autocomplete", args=("taggit", "tag")),
    ):
        offered = client.get(url, {"term": "salainen"}).json()
        assert sorted(offered) == ["salainen-julkinen", "salainen-oma"], url
