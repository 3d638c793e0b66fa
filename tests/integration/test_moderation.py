"""Moderation of practices through the Wagtail admin, and stale-content reminders.

A contributor of Turku writes and submits; the editors approve or request changes; each
side is e-mailed in their own admin language; the published version stays online while
an edit waits; the audit log records who did what.
"""

import datetime
import json

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import PageLogEntry, WorkflowState
from wagtail.signals import page_published
from wagtail.test.utils.form_data import rich_text
from wagtail.users.models import UserProfile

from goodpractice.practices.models import PracticeIndexPage, PracticePage, ReviewReminder
from goodpractice.practices.moderation import practice_workflow
from goodpractice.practices.review import remind_stale_practices
from tests.factories import make_member, make_practice, make_user
from tests.integration.test_practice_admin import complete_practice_form, practice_form

TURKU, HELSINKI = "853", "091"
TITLE = "Perhekeskus hallinnasta"


def with_language(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    return user


def signed_in(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def people(site):
    contributor = with_language(
        make_member(TURKU, email="skribent@turku.example", first_name="Stina"), "sv"
    )
    editor_fi = with_language(
        make_user(groups=("Editors",), email="toimittaja@example.invalid"), "fi"
    )
    editor_en = with_language(make_user(groups=("Editors",), email="editor@example.invalid"), "en")
    make_user(superuser=True, email="admin@example.invalid")
    return {
        "contributor": contributor,
        "editor": editor_en,
        "editor_fi": editor_fi,
        "contributor_client": signed_in(contributor),
        "editor_client": signed_in(editor_en),
    }


def add_url():
    index = PracticeIndexPage.objects.get(locale__language_code="fi")
    return reverse("wagtailadmin_pages:add", args=("practices", "practicepage", index.pk))


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def workflow_action(name, comment=None, **changes):
    form = practice_form(**changes)
    form["action-workflow-action"] = "true"
    form["workflow-action-name"] = name
    form["workflow-action-extra-data"] = json.dumps({"comment": comment} if comment else {})
    return form


def submit(**changes):
    return complete_practice_form(**changes, **{"action-submit": "action-submit"})


def mail_to(address):
    return [message for message in mail.outbox if message.to == [address]]


def test_practice_indexes_of_every_language_use_the_moderation_workflow(site):
    for index in PracticeIndexPage.objects.all():
        assert index.get_workflow() == practice_workflow()
    practice = make_practice(publish=False)
    workflow = practice.get_workflow()
    assert workflow == practice_workflow()
    [task] = workflow.tasks.all()
    assert list(task.specific.groups.values_list("name", flat=True)) == ["Editors"]


def test_site_setup_assigns_the_workflow_once(site):
    from wagtail.models import WorkflowPage

    from home.site_setup import ensure_site_structure

    indexes = PracticeIndexPage.objects.all()
    WorkflowPage.objects.filter(page__in=indexes).delete()
    ensure_site_structure()
    ensure_site_structure()
    assignments = WorkflowPage.objects.filter(page__in=indexes)
    assert assignments.count() == 3
    assert {assignment.workflow for assignment in assignments} == {practice_workflow()}


def test_submit_request_changes_resubmit_approve(people):
    contributor, editor = people["contributor"], people["editor"]

    # The contributor writes a new practice and submits it.
    response = people["contributor_client"].post(add_url(), submit())
    assert response.status_code == 302
    page = PracticePage.objects.get(title=TITLE, alias_of__isnull=True)
    assert not page.live
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS

    # Each editor is told in their own language; the superuser is not an approver.
    [to_editor] = mail_to("editor@example.invalid")
    assert to_editor.subject == f'For moderation: "{TITLE}"'
    assert "has submitted" in to_editor.body and edit_url(page) in to_editor.body
    [to_editor_fi] = mail_to("toimittaja@example.invalid")
    assert to_editor_fi.subject == f'Tarkastettavana: "{TITLE}"'
    assert not mail_to("admin@example.invalid")
    assert not mail_to(contributor.email)
    mail.outbox.clear()

    # The editor requests changes with a comment.
    comment = "Kertokaa tuloksista tarkemmin."
    response = people["editor_client"].post(
        edit_url(page), workflow_action("reject", comment=comment)
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert not page.live

    # The contributor is told in Swedish, with the comment.
    [to_contributor] = mail.outbox
    assert to_contributor.to == [contributor.email]
    assert to_contributor.subject == f'Ändringar begärda: "{TITLE}"'
    assert comment in to_contributor.body
    assert "har bett om ändringar" in to_contributor.body

    # The contributor sees the status and the comment in the admin.
    edit_page = people["contributor_client"].get(edit_url(page)).content.decode()
    assert comment in edit_page
    mail.outbox.clear()

    # The contributor fixes it and submits it again; the editors are told again.
    response = people["contributor_client"].post(
        edit_url(page), submit(results=rich_text("<p>Asiakkaat löytävät avun.</p>"))
    )
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert mail_to("editor@example.invalid")
    mail.outbox.clear()

    # The editor approves: the page is published with the contributor's latest revision.
    fixed = rich_text("<p>Asiakkaat löytävät avun.</p>")
    published = []

    def record(sender, instance, **kwargs):
        published.append(instance.pk)

    # The search index is updated from this signal (search/signals.py).
    page_published.connect(record, sender=PracticePage)
    try:
        response = people["editor_client"].post(
            edit_url(page), workflow_action("approve", results=fixed)
        )
    finally:
        page_published.disconnect(record, sender=PracticePage)
    assert page.pk in published
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    assert page.current_workflow_state is None
    assert page.live_revision_id == page.latest_revision_id
    assert "Asiakkaat löytävät avun." in page.results
    assert page.last_reviewed_at is not None
    sv_alias = PracticePage.objects.get(alias_of=page, locale__language_code="sv")
    assert sv_alias.live and sv_alias.last_reviewed_at == page.last_reviewed_at

    [approved] = mail.outbox
    assert approved.to == [contributor.email]
    assert approved.subject == f'Godkänd och publicerad: "{TITLE}"'

    # The public page is online.
    assert Client().get(page.url).status_code == 200

    # The audit log records every step with its user.
    entries = PageLogEntry.objects.filter(page=page).order_by("timestamp", "pk")
    actions = [(entry.action, entry.user) for entry in entries]
    assert ("wagtail.workflow.start", contributor) in actions
    assert ("wagtail.workflow.reject", editor) in actions
    assert ("wagtail.workflow.resume", contributor) in actions
    assert ("wagtail.workflow.approve", editor) in actions
    assert ("wagtail.publish", editor) in actions
    names = [action for action, _user in actions]
    assert names.index("wagtail.workflow.start") < names.index("wagtail.workflow.reject")
    assert names.index("wagtail.workflow.reject") < names.index("wagtail.workflow.resume")
    assert names.index("wagtail.workflow.resume") < names.index("wagtail.workflow.approve")


def test_an_edit_of_a_published_practice_waits_for_approval(people):
    practice = make_practice(title="Turun perhekeskus", organisations=(TURKU,))
    public_url = practice.url
    contributor_client, editor_client = people["contributor_client"], people["editor_client"]

    response = contributor_client.post(
        edit_url(practice), submit(title="Turun perhekeskus 2.0", slug=practice.slug)
    )
    assert response.status_code == 302
    practice.refresh_from_db()
    assert practice.live
    assert practice.title == "Turun perhekeskus"
    assert practice.has_unpublished_changes
    assert practice.get_latest_revision_as_object().title == "Turun perhekeskus 2.0"
    public = Client().get(public_url).content.decode()
    assert "Turun perhekeskus" in public and "Turun perhekeskus 2.0" not in public

    # Revision history and comparison work for the editor.
    revisions = list(practice.revisions.order_by("created_at"))
    assert (
        editor_client.get(reverse("wagtailadmin_pages:history", args=(practice.pk,))).status_code
        == 200
    )
    assert (
        editor_client.get(
            reverse(
                "wagtailadmin_pages:revisions_compare",
                args=(practice.pk, revisions[0].pk, revisions[-1].pk),
            )
        ).status_code
        == 200
    )

    editor_client.post(
        edit_url(practice),
        workflow_action("approve", title="Turun perhekeskus 2.0", slug=practice.slug),
    )
    practice.refresh_from_db()
    assert practice.title == "Turun perhekeskus 2.0"
    assert not practice.has_unpublished_changes
    assert "Turun perhekeskus 2.0" in Client().get(public_url).content.decode()


def test_contributors_cannot_approve_their_own_submission(people):
    people["contributor_client"].post(add_url(), submit())
    page = PracticePage.objects.get(title=TITLE, alias_of__isnull=True)
    people["contributor_client"].post(edit_url(page), workflow_action("approve"))
    page.refresh_from_db()
    assert not page.live
    assert page.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def make_stale(practice, months=19):
    when = timezone.now() - datetime.timedelta(days=31 * months)
    PracticePage.objects.filter(pk=practice.pk).update(last_reviewed_at=when)
    return when


@pytest.fixture
def stale_world(people):
    stale = make_practice(title="Vanha käytäntö", organisations=(TURKU,))
    make_stale(stale)
    fresh = make_practice(title="Tuore käytäntö", organisations=(TURKU,))
    stale_draft = make_practice(title="Vanha luonnos", organisations=(TURKU,), publish=False)
    make_stale(stale_draft)
    other = make_practice(title="Helsingin vanha", organisations=(HELSINKI,))
    make_stale(other)
    return {"stale": stale, "fresh": fresh, "other": other}


def test_publishing_counts_as_a_review_and_is_shown_publicly(people):
    practice = make_practice(title="Arvioitu käytäntö")
    assert practice.last_reviewed_at is not None
    alias_en = PracticePage.objects.get(alias_of=practice, locale__language_code="en")
    content = Client().get(alias_en.url).content.decode()
    assert "Last reviewed" in content
    fi = Client().get(practice.url).content.decode()
    assert "Viimeksi tarkistettu" in fi


def test_the_report_lists_only_stale_practices_for_editors(stale_world):
    client = signed_in(make_user(groups=("Editors",)))
    client.cookies["django_language"] = "en"
    response = client.get(reverse("practices_stale_report"))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Vanha käytäntö" in content and "Helsingin vanha" in content
    assert "Tuore käytäntö" not in content and "Vanha luonnos" not in content
    export = client.get(reverse("practices_stale_report"), {"export": "csv"})
    assert export.status_code == 200
    assert "Vanha käytäntö" in b"".join(export.streaming_content).decode()


def test_the_report_is_refused_to_contributors(stale_world, people):
    response = people["contributor_client"].get(reverse("practices_stale_report"))
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        # Their own dashboard lists their own practices, never the report of all of them.
        dashboard = people["contributor_client"].get(response.url).content.decode()
        assert "Helsingin vanha" not in dashboard
    reports = people["contributor_client"].get(reverse("wagtailadmin_home")).content.decode()
    assert reverse("practices_stale_report") not in reports


def test_editors_mark_a_practice_as_reviewed(stale_world, people):
    stale = stale_world["stale"]
    url = reverse("practices_mark_reviewed", args=(stale.pk,))
    assert people["contributor_client"].post(url).status_code in (302, 403)
    stale.refresh_from_db()
    assert stale.last_reviewed_at < timezone.now() - datetime.timedelta(days=365)

    assert people["editor_client"].get(url).status_code == 200
    # The action is offered in the page's header menu to editors only.
    assert url in people["editor_client"].get(edit_url(stale)).content.decode()
    assert url not in people["contributor_client"].get(edit_url(stale)).content.decode()
    response = people["editor_client"].post(url)
    assert response.status_code == 302
    stale.refresh_from_db()
    assert stale.last_reviewed_at > timezone.now() - datetime.timedelta(minutes=1)
    assert PageLogEntry.objects.filter(
        page=stale, action="practices.mark_reviewed", user=people["editor"]
    ).exists()
    alias = PracticePage.objects.get(alias_of=stale, locale__language_code="sv")
    assert alias.last_reviewed_at == stale.last_reviewed_at
    # Publishing an older draft later does not bring back the old date.
    stale.save_revision().publish()
    stale.refresh_from_db()
    assert stale.last_reviewed_at > timezone.now() - datetime.timedelta(minutes=1)


def test_reminders_are_sent_once_in_each_contributors_language(stale_world, people):
    colleague = with_language(make_member(TURKU, email="kollega@turku.example"), "fi")
    helsinki = with_language(make_member(HELSINKI, email="tyontekija@hel.example"), "en")
    mail.outbox.clear()

    call_command("remind_stale_practices", verbosity=0)

    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {people["contributor"].email, colleague.email, helsinki.email}
    swedish = by_address[people["contributor"].email]
    assert "Vanha käytäntö" in swedish.body
    assert "Tuore käytäntö" not in swedish.body and "Vanha luonnos" not in swedish.body
    assert "Helsingin vanha" not in swedish.body
    assert swedish.subject == "Kontrollera att era praxis är aktuella"
    assert by_address[colleague.email].subject == "Tarkistakaa, että käytäntönne ovat ajan tasalla"
    assert by_address[helsinki.email].subject == "Please check that your practices are up to date"
    assert "Helsingin vanha" in by_address[helsinki.email].body

    mail.outbox.clear()
    call_command("remind_stale_practices", verbosity=0)
    assert mail.outbox == []
    assert ReviewReminder.objects.filter(practice=stale_world["stale"]).count() == 1

    # A month later, a practice still not reviewed is reminded about again.
    assert remind_stale_practices(now=timezone.now() + datetime.timedelta(days=31)) == 3


@pytest.mark.parametrize(
    ("language", "button"),
    [
        ("fi", "Lähetä työnkulkuun Käytäntöjen moderointi"),
        ("sv", "Lämna in till Moderering av praxis"),
    ],
)
def test_the_workflow_is_named_in_the_users_language_only(people, language, button):
    contributor = with_language(people["contributor"], language)
    page = signed_in(contributor).get(add_url()).content.decode()
    assert button in page
    for other in ("Practice moderation", "Käytäntöjen moderointi", "Moderering av praxis"):
        if other not in button:
            assert other not in page
    # The name in the database is unchanged, so the workflow is still found by it.
    workflow = practice_workflow()
    workflow.save()
    assert practice_workflow() == workflow


def test_the_workflow_reports_list_the_translated_names(people):
    people["contributor_client"].post(add_url(), submit())
    editor = with_language(people["editor_fi"], "fi")
    for name in ("workflow", "workflow_tasks"):
        response = signed_in(editor).get(reverse(f"wagtailadmin_reports:{name}"))
        assert response.status_code == 200
        assert "Käytäntöjen moderointi" in response.content.decode()
