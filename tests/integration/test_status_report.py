"""The editors' report of practices by status, organisation and county, and its exports."""

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from wagtail.models import WorkflowState

from goodpractice.organisations.models import Organisation
from tests.factories import make_member, make_practice, make_user

TURKU, HELSINKI, SALO = "853", "091", "734"


def start_moderation(page, user):
    page.save_revision(user=user)
    return page.get_workflow().start(page, user)


@pytest.fixture
def practices(site):
    contributor = make_member(TURKU)
    editor = make_user(groups=("Editors",))
    published = make_practice(title="Turun perhekeskus", organisations=(TURKU,))
    changed = make_practice(title="Salon kotipalvelu", organisations=(SALO,))
    changed.title = "Salon kotipalvelu 2"
    changed.save_revision(user=contributor)
    draft = make_practice(title="Helsingin luonnos", organisations=(HELSINKI,), publish=False)
    waiting = make_practice(title="=Turun tarkastettava", organisations=(TURKU,), publish=False)
    start_moderation(waiting, contributor)
    returned = make_practice(title="Turun palautettu", organisations=(TURKU,), publish=False)
    state = start_moderation(returned, contributor)
    task_state = state.current_task_state
    task_state.task.specific.on_action(task_state, editor, "reject")
    client = Client()
    client.force_login(editor)
    client.cookies["django_language"] = "en"
    return {
        "client": client,
        "published": published,
        "changed": changed,
        "draft": draft,
        "waiting": waiting,
        "returned": returned,
    }


def report(client, **params):
    return client.get(reverse("practices_status_report"), params)


def csv_rows(client, **params):
    response = report(client, export="csv", **params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode()
    return list(csv.reader(io.StringIO(text)))


def region_name(code):
    return str(Organisation.objects.lookup(code).region)


def test_statuses_are_derived_from_publication_and_workflow(practices):
    assert practices["returned"].current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    header, *rows = csv_rows(practices["client"])
    assert header == [
        "Title",
        "Organisations",
        "Wellbeing services counties",
        "Status",
        "Last published",
        "Last reviewed",
        "Language",
    ]
    status_of = {row[0]: row[3] for row in rows}
    # A title a spreadsheet would run as a formula is written as text.
    assert status_of == {
        "Turun perhekeskus": "Published",
        "Salon kotipalvelu": "Published, with unpublished changes",
        "Helsingin luonnos": "Draft",
        "'=Turun tarkastettava": "In moderation",
        "Turun palautettu": "Changes requested",
    }
    turku = next(row for row in rows if row[0] == "Turun perhekeskus")
    assert turku[1] == str(Organisation.objects.lookup(TURKU))
    assert turku[2] == region_name(TURKU) == "Varsinais-Suomi wellbeing services county"
    assert turku[4] and turku[5]  # published and reviewed on publication
    assert turku[6] == "Suomi"
    draft = next(row for row in rows if row[0] == "Helsingin luonnos")
    assert draft[2] == region_name(HELSINKI)
    assert draft[4] == draft[5] == ""


def test_the_page_lists_rows_and_counts_per_status(practices):
    response = report(practices["client"])
    assert response.status_code == 200
    content = response.content.decode()
    for title in ("Turun perhekeskus", "Helsingin luonnos", "Turun palautettu"):
        assert title in content
    assert response.context["status_counts"] == [
        ("draft", "Draft", 1),
        ("in_moderation", "In moderation", 1),
        ("changes_requested", "Changes requested", 1),
        ("published", "Published", 1),
        ("published_with_changes", "Published, with unpublished changes", 1),
    ]


def test_filters_by_status_organisation_and_county(practices):
    client = practices["client"]
    titles = lambda **params: {row[0] for row in csv_rows(client, **params)[1:]}  # noqa: E731
    assert titles(status="changes_requested") == {"Turun palautettu"}
    assert titles(status="in_moderation") == {"'=Turun tarkastettava"}
    turku = Organisation.objects.lookup(TURKU)
    assert titles(organisation=turku.pk) == {
        "Turun perhekeskus",
        "'=Turun tarkastettava",
        "Turun palautettu",
    }
    # Turku and Salo are both in the county of Southwest Finland (Varsinais-Suomi).
    assert titles(county=turku.region_id) == {
        "Turun perhekeskus",
        "Salon kotipalvelu",
        "'=Turun tarkastettava",
        "Turun palautettu",
    }
    assert titles(county=turku.region_id, status="published") == {"Turun perhekeskus"}
    # Counts follow the organisation and county filters and ignore the status filter.
    counts = report(client, county=turku.region_id, status="published").context["status_counts"]
    assert {value: count for value, _label, count in counts} == {
        "draft": 0,
        "in_moderation": 1,
        "changes_requested": 1,
        "published": 1,
        "published_with_changes": 1,
    }


def test_xlsx_export_reads_back(practices):
    response = report(practices["client"], export="xlsx", status="published")
    assert response.status_code == 200
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[0] == (
        "Title",
        "Organisations",
        "Wellbeing services counties",
        "Status",
        "Last published",
        "Last reviewed",
        "Language",
    )
    [row] = rows[1:]
    assert row[:4] == (
        "Turun perhekeskus",
        str(Organisation.objects.lookup(TURKU)),
        region_name(TURKU),
        "Published",
    )
    assert row[4] is not None and row[4].year == practices["published"].last_published_at.year


def test_the_report_speaks_the_editors_language(practices):
    client = practices["client"]
    client.cookies["django_language"] = "sv"
    rows = csv_rows(client, status="changes_requested")
    assert rows[0][3] == "Status"
    assert rows[1][3] == "Ändringar begärda"


@pytest.mark.parametrize("export", ["", "csv", "xlsx"])
def test_contributors_are_refused(practices, export):
    client = Client()
    client.force_login(make_member(TURKU))
    response = report(client, **({"export": export} if export else {}))
    assert response.status_code in (302, 403)
    assert b"Turun perhekeskus" not in response.content
