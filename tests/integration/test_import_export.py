"""The exchange format end to end: the import_practices and export_practices commands."""

import json
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import translation
from wagtail.models import Page, Revision

from goodpractice.organisations.models import Organisation
from goodpractice.practices.exchange.format import KEYS
from goodpractice.practices.models import PracticePage
from goodpractice.practices.queries import public_practices
from tests.factories import make_practice

HETU = "131052-308T"

FULL = {
    "external_id": "demo-perhekeskus",
    "language": "fi",
    "title": "Perhekeskus yhdestä ovesta",
    "summary": "Lapsiperheet saavat tuen yhdestä paikasta.",
    "body": (
        "<p>Johdanto.</p>"
        "<h2>Tarve</h2><p>Perheet kiersivät luukulta toiselle.</p>"
        "<h2>Mitä tehdään</h2><ol><li>Ajanvaraus</li><li>Yhteinen tapaaminen</li></ol>"
        "<h2>Tulokset</h2><p><b>Jonot</b> lyhenivät.</p>"
    ),
    "themes": ["family-centre", "Monialainen yhteistyö"],
    "target_groups": ["whole-family"],
    "organisations": ["853", "VS"],
    "started_year": 2021,
    "status": "pilot",
    "evidence_level": "evaluated",
    "evaluation": "Asiakaspalaute kerättiin kahdesti vuodessa.",
    "contact": {
        "name": "Maija Meikäläinen",
        "title": "Kehittäjä",
        "email": "maija.meikalainen@example.invalid",
        "phone": "+358 40 000 0000",
    },
    "links": ["https://thl.fi/"],
    "keywords": ["perhekeskus", "Yhden luukun palvelu"],
    "published": True,
}


def minimal(external_id="t-1", **changes):
    record = {
        "external_id": external_id,
        "language": "fi",
        "title": f"Käytäntö {external_id}",
        "summary": "Lyhyt kuvaus.",
        "body": "Mitä tehdään.",
        "themes": ["family-centre"],
        "organisations": ["853"],
    }
    record.update(changes)
    return {key: value for key, value in record.items() if value is not DROP}


DROP = object()


def run_import(tmp_path, lines, name="practices.jsonl"):
    """(exit code, stdout, stderr) of import_practices on the given lines."""
    path = tmp_path / name
    content = "".join(
        (line if isinstance(line, str) else json.dumps(line, ensure_ascii=False)) + "\n"
        for line in lines
    )
    path.write_text(content, encoding="utf-8")
    out, err = StringIO(), StringIO()
    code = 0
    with translation.override("en"):
        try:
            call_command("import_practices", str(path), stdout=out, stderr=err)
        except CommandError as error:
            code = error.returncode
    return code, out.getvalue(), err.getvalue()


def export():
    out = StringIO()
    call_command("export_practices", stdout=out)
    return out.getvalue()


def original(external_id):
    return PracticePage.objects.get(external_id=external_id, alias_of__isnull=True)


def revision_count():
    return Revision.objects.count()


def test_a_practice_is_imported_with_every_field(site, tmp_path):
    code, out, err = run_import(tmp_path, [FULL])

    assert (code, err) == (0, "")
    assert "created 1, updated 0, unchanged 0, failed 0" in out
    page = original("demo-perhekeskus")
    assert page.live and page.locale.language_code == "fi" and page.language == "fi"
    assert page.title == "Perhekeskus yhdestä ovesta"
    assert page.get_parent().specific_class.__name__ == "PracticeIndexPage"
    # The body's sections land in their own fields; text before a heading is description.
    assert page.need == "<p>Perheet kiersivät luukulta toiselle.</p>"
    assert (
        page.description
        == "<p>Johdanto.</p><ol><li>Ajanvaraus</li><li>Yhteinen tapaaminen</li></ol>"
    )
    assert page.results == "<p><b>Jonot</b> lyhenivät.</p>"
    assert page.implementers == ""
    assert sorted(t.slug for t in page.themes.all()) == ["family-centre", "multi-professional-work"]
    assert [t.slug for t in page.target_groups.all()] == ["whole-family"]
    assert sorted(o.code for o in page.organisations.all()) == ["853", "VS"]
    assert (page.started_year, page.status, page.evidence_level.slug) == (
        2021,
        "pilot",
        "evaluated",
    )
    assert page.evaluation == "Asiakaspalaute kerättiin kahdesti vuodessa."
    assert page.contact_name == "Maija Meikäläinen"
    assert page.contact_email == "maija.meikalainen@example.invalid"
    assert page.contact_phone == "+358 40 000 0000"
    assert [(link.url, link.title) for link in page.links.all()] == [("https://thl.fi/", "")]
    assert {tag.name for tag in page.keywords.all()} == {"perhekeskus", "Yhden luukun palvelu"}
    # Every language's site lists it.
    for language in ("fi", "sv", "en"):
        assert list(public_practices(language).values_list("title", flat=True)) == [page.title]


def test_importing_the_same_file_twice_changes_nothing(site, tmp_path):
    lines = [FULL, minimal("t-2", language="sv", body="Vad som görs.", published=False)]
    assert run_import(tmp_path, lines)[0] == 0
    revisions, pages = revision_count(), Page.objects.count()
    first_export = export()

    code, out, err = run_import(tmp_path, lines)

    assert (code, err) == (0, "")
    assert "created 0, updated 0, unchanged 2, failed 0" in out
    assert (revision_count(), Page.objects.count()) == (revisions, pages)
    assert export() == first_export


def test_a_changed_line_updates_the_practice_everywhere(site, tmp_path):
    run_import(tmp_path, [FULL])
    page = original("demo-perhekeskus")
    revisions = page.revisions.count()

    changed = {**FULL, "summary": "Uusi tiivistelmä.", "keywords": ["uusi"]}
    code, out, _err = run_import(tmp_path, [changed])

    assert code == 0 and "updated 1" in out
    page = original("demo-perhekeskus")
    assert page.summary == "Uusi tiivistelmä."
    assert [tag.name for tag in page.keywords.all()] == ["uusi"]
    assert page.revisions.count() == revisions + 1
    assert page.slug == "perhekeskus-yhdesta-ovesta"
    for alias in PracticePage.objects.filter(alias_of=page):
        assert alias.summary == "Uusi tiivistelmä." and alias.live
    assert PracticePage.objects.filter(external_id="demo-perhekeskus").count() == 3


def test_keyword_case_alone_is_no_change(site, tmp_path):
    run_import(tmp_path, [FULL])
    revisions = revision_count()
    code, out, _err = run_import(
        tmp_path, [{**FULL, "keywords": ["PERHEKESKUS", "yhden luukun palvelu"]}]
    )
    assert code == 0 and "unchanged 1" in out
    assert revision_count() == revisions


BAD_LINES = [
    (minimal(colour="red"), 'field "colour": unknown key'),
    (minimal(summary=DROP), 'field "summary": is required'),
    (minimal(themes=["foo"]), 'field "themes": unknown theme "foo"'),
    (minimal(themes=[]), 'field "themes": must list at least one value'),
    (minimal(organisations=["Atlantis"]), 'field "organisations": unknown organisation "Atlantis"'),
    (minimal(summary="x" * 601), 'field "summary": is 601 characters long; at most 600'),
    (minimal(started_year=1850), 'field "started_year": must be a year between 1900 and 2100'),
    (minimal(started_year="2020"), 'field "started_year": must be a whole number'),
    (minimal(started_year=True), 'field "started_year": must be a whole number'),
    (minimal(links=["ftp://example.org/x"]), 'field "links": "ftp://example.org/x" is not a valid'),
    (minimal(links=["not a url"]), 'field "links": "not a url" is not a valid'),
    (
        minimal(body=f"<p>Asiakas {HETU} kävi.</p>"),
        'field "body": This text contains a Finnish personal identity code',
    ),
    (minimal(language="de"), 'field "language": must be one of fi, sv, en'),
    (minimal(status="done"), 'field "status": must be one of in_use, pilot, ended'),
    (minimal(evidence_level="proven"), 'field "evidence_level": unknown evidence level "proven"'),
    (minimal(published="yes"), 'field "published": must be true or false'),
    (minimal(themes="family-centre"), 'field "themes": must be a list of strings'),
    (minimal(title=7), 'field "title": must be a string'),
    (
        minimal(contact={"email": "not-an-address"}),
        'field "contact.email": "not-an-address" is not a valid e-mail address',
    ),
    (minimal(contact={"mobile": "040"}), 'field "contact.mobile": unknown key'),
    (minimal(contact="Maija"), 'field "contact": must be an object'),
    (
        minimal(body="<h2>Tarve</h2><p>Only the need.</p>"),
        'field "body": has no text under the heading "Mitä tehdään"',
    ),
    (minimal(body="<p> </p>"), 'field "body": must not be empty'),
    ('{"external_id": "t-1", "language": ', "not valid JSON"),
    ("[1, 2]", "each line must be one JSON object"),
]


def test_bad_lines_are_reported_by_line_and_field_and_good_ones_saved(site, tmp_path):
    bad = []
    for number, (line, _expected) in enumerate(BAD_LINES, start=2):
        bad.append({**line, "external_id": f"bad-{number}"} if isinstance(line, dict) else line)

    code, out, err = run_import(tmp_path, [minimal("good-1"), *bad, minimal("good-2")])

    assert code == 1
    assert f"created 2, updated 0, unchanged 0, failed {len(BAD_LINES)}" in out
    for number, (_line, expected) in enumerate(BAD_LINES, start=2):
        prefix = f"line {number}, " if expected.startswith("field") else f"line {number}: "
        assert prefix + expected in err
    # One message per problem: nothing else was reported.
    assert len(err.splitlines()) == len(BAD_LINES)
    saved = PracticePage.objects.filter(alias_of__isnull=True).values_list("external_id", flat=True)
    assert set(saved) == {"good-1", "good-2"}
    assert PracticePage.objects.count() == 6  # two practices in three languages


def test_a_personal_identity_code_is_refused_in_every_free_text_field(site, tmp_path):
    cases = [
        ("title", f"Käytäntö {HETU}", "title"),
        ("summary", f"Asiakas {HETU}.", "summary"),
        ("evaluation", f"Arvioi {HETU}", "evaluation"),
        ("contact", {"name": f"Maija {HETU}"}, "contact.name"),
        ("contact", {"title": HETU}, "contact.title"),
        ("keywords", ["ok", HETU], "keywords"),
        ("body", f"Asiakas {HETU}", "body"),
        # Hidden behind a character reference, it is still found.
        ("body", "<p>Asiakas 131052&#45;308T</p>", "body"),
    ]
    lines = [minimal(f"h-{n}", **{key: value}) for n, (key, value, _f) in enumerate(cases)]

    code, _out, err = run_import(tmp_path, lines)

    assert code == 1
    for number, (_key, _value, field) in enumerate(cases, start=1):
        assert (
            f'line {number}, field "{field}": This text contains a Finnish personal identity code'
        ) in err
    assert not PracticePage.objects.exists()


def test_a_line_reports_all_its_problems_at_once(site, tmp_path):
    code, _out, err = run_import(tmp_path, [minimal(themes=["foo"], started_year=99, colour=1)])
    assert code == 1
    assert 'line 1, field "themes"' in err
    assert 'line 1, field "started_year"' in err
    assert 'line 1, field "colour"' in err


def test_theme_and_organisation_names_in_any_language_are_accepted(site, tmp_path):
    line = minimal(
        "sv-1",
        language="sv",
        body="Vad som görs.",
        themes=["Familjecenter", "stöd i föräldraskapet", "Early support and prevention"],
        target_groups=["Unga"],
        organisations=["Åbo", "helsinki", "Egentliga Finlands välfärdsområde", "ps"],
    )
    code, _out, err = run_import(tmp_path, [line])

    assert (code, err) == (0, "")
    page = original("sv-1")
    assert page.locale.language_code == "sv"
    assert {t.slug for t in page.themes.all()} == {
        "family-centre",
        "parenting-support",
        "early-support",
    }
    assert [t.slug for t in page.target_groups.all()] == ["adolescents"]
    assert {o.code for o in page.organisations.all()} == {"853", "091", "VS", "PS"}
    record = json.loads(export())
    assert record["themes"] == ["family-centre", "early-support", "parenting-support"]


def test_an_organisation_added_by_editors_can_be_named(site, tmp_path):
    Organisation.objects.create(
        kind="other", slug="pelastakaa-lapset", name_fi="Pelastakaa Lapset ry"
    )
    code, _out, err = run_import(tmp_path, [minimal(organisations=["pelastakaa lapset ry"])])
    assert (code, err) == (0, "")
    assert json.loads(export())["organisations"] == ["Pelastakaa Lapset ry"]


def test_a_draft_is_imported_unpublished_and_can_be_published_later(site, tmp_path):
    run_import(tmp_path, [minimal("draft-1", published=False)])
    page = original("draft-1")
    assert not page.live
    assert not PracticePage.objects.filter(external_id="draft-1", live=True).exists()
    assert json.loads(export())["published"] is False

    code, out, _err = run_import(tmp_path, [minimal("draft-1", published=True)])

    assert code == 0 and "updated 1" in out
    assert PracticePage.objects.filter(external_id="draft-1", live=True).count() == 3
    assert json.loads(export())["published"] is True


def test_unpublishing_through_import_hides_every_language_version(site, tmp_path):
    run_import(tmp_path, [minimal("p-1")])
    run_import(tmp_path, [minimal("p-1", published=False, summary="Luonnos.")])
    assert not PracticePage.objects.filter(external_id="p-1", live=True).exists()
    assert json.loads(export())["summary"] == "Luonnos."


def test_an_import_cannot_move_a_practice_to_another_language(site, tmp_path):
    run_import(tmp_path, [minimal("p-1")])
    code, _out, err = run_import(tmp_path, [minimal("p-1", language="sv")])
    assert code == 1
    assert 'line 1, field "language": this practice is written in fi' in err


def test_an_external_id_may_appear_only_once_in_a_file(site, tmp_path):
    code, out, err = run_import(tmp_path, [minimal("p-1"), minimal("p-1", title="Toinen")])
    assert code == 1 and "created 1" in out
    assert 'line 2, field "external_id": p-1 is already on line 1' in err
    assert original("p-1").title == "Käytäntö p-1"


def test_export_writes_originals_in_the_documented_key_order(site, tmp_path):
    run_import(
        tmp_path,
        [minimal("b-2", published=False), FULL, minimal("a-1", language="sv", body="Text.")],
    )

    lines = export().splitlines()

    records = [json.loads(line) for line in lines]
    assert [r["external_id"] for r in records] == ["a-1", "b-2", "demo-perhekeskus"]
    full = records[2]
    assert list(full) == list(KEYS)
    assert full["body"] == (
        "<h2>Tarve</h2><p>Perheet kiersivät luukulta toiselle.</p>"
        "<h2>Mitä tehdään</h2><p>Johdanto.</p>"
        "<ol><li>Ajanvaraus</li><li>Yhteinen tapaaminen</li></ol>"
        "<h2>Tulokset</h2><p><strong>Jonot</strong> lyhenivät.</p>"
    )
    assert full["organisations"] == ["853", "VS"]  # Turku, Varsinais-Suomi
    # Optional values that are empty are left out; defaults are written.
    assert list(records[0]) == [
        "external_id", "language", "title", "summary", "body", "themes", "organisations",
        "status", "evidence_level", "published",
    ]  # fmt: skip
    assert records[0]["body"] == "<h2>Vad som görs</h2><p>Text.</p>"
    assert (records[0]["status"], records[0]["evidence_level"]) == ("in_use", "described")
    assert "Perhekeskus yhdestä ovesta" in lines[2]  # UTF-8, not \u escapes


def test_export_to_a_file(site, tmp_path):
    run_import(tmp_path, [FULL])
    target = tmp_path / "out.jsonl"
    out = StringIO()
    call_command("export_practices", str(target), stdout=out)
    assert target.read_bytes() == export().encode("utf-8")
    assert "1" in out.getvalue()


def test_export_then_import_into_an_empty_site_gives_the_same_bytes(site, tmp_path):
    run_import(
        tmp_path, [FULL, minimal("sv-1", language="sv", body="Vad som görs.", published=False)]
    )
    # Made in the admin: no external id, Wagtail's rich text format, link titles.
    turku_page = Page.objects.get(slug="kaytannot")
    admin_page = make_practice(
        title="Muokattu hallinnassa",
        summary="  Välilyönnit reunoilla.  ",
        description=(
            '<p data-block-key="a1b2c">Katso <a href="https://example.org/x?a=1&amp;b=2">tämä</a>'
            f' ja <a linktype="page" id="{turku_page.pk}">hakemisto</a>.</p>'
            '<ul><li data-block-key="x">yksi</li></ul>'
        ),
        results="<p><i>Hyvä</i></p>",
        evaluation="Arvioitu.",
        links=[("https://thl.fi/", "THL")],
        keywords=["b-avainsana", "A-avainsana"],
        started_year=2019,
    )
    first = export()
    # Internal links become absolute addresses; Wagtail's data-block-key and <i> do not leak.
    records = {r["external_id"]: r for r in map(json.loads, first.splitlines())}
    admin_record = records[f"page-{admin_page.pk}"]
    assert f'<a href="{settings.WAGTAILADMIN_BASE_URL}/fi/kaytannot/">' in admin_record["body"]
    assert "data-block-key" not in first and "<i>" not in first

    for page in PracticePage.objects.filter(alias_of__isnull=True):
        page.delete()
    assert not PracticePage.objects.exists()
    path = tmp_path / "export.jsonl"
    path.write_text(first, encoding="utf-8")
    out = StringIO()
    with translation.override("en"):
        call_command("import_practices", str(path), stdout=out, stderr=StringIO())

    assert "created 3" in out.getvalue()
    assert export() == first


def test_a_practice_made_in_the_admin_is_updated_through_its_generated_id(site, tmp_path):
    page = make_practice(title="Hallinnasta")
    record = json.loads(export())
    assert record["external_id"] == f"page-{page.pk}"

    code, out, _err = run_import(tmp_path, [{**record, "summary": "Päivitetty."}])

    assert code == 0 and "updated 1" in out
    page.refresh_from_db()
    assert page.summary == "Päivitetty."
    assert PracticePage.objects.filter(alias_of__isnull=True).count() == 1
    assert run_import(tmp_path, [{**record, "summary": "Päivitetty."}])[1].startswith(
        "created 0, updated 0, unchanged 1"
    )


def test_link_titles_given_in_the_admin_survive_an_import(site, tmp_path):
    run_import(tmp_path, [FULL])
    page = original("demo-perhekeskus")
    link = page.links.get()
    link.title = "THL:n sivut"
    link.save()
    run_import(
        tmp_path, [{**FULL, "links": ["https://thl.fi/", "https://stm.fi/"], "summary": "Muu."}]
    )
    page = original("demo-perhekeskus")
    assert [(link.url, link.title) for link in page.links.all()] == [
        ("https://thl.fi/", "THL:n sivut"),
        ("https://stm.fi/", ""),
    ]


def test_html_in_the_body_is_sanitised(site, tmp_path):
    body = (
        '<p onclick="steal()">Hyvä <script>alert(1)</script><a href="javascript:x()">linkki</a>'
        '<a href="https://thl.fi/" style="color:red">THL</a></p><iframe src="https://x"></iframe>'
    )
    assert run_import(tmp_path, [minimal(body=body)])[0] == 0
    page = original("t-1")
    assert page.description == '<p>Hyvä linkki<a href="https://thl.fi/">THL</a></p>'


def test_blank_lines_are_skipped_and_a_bom_is_tolerated(site, tmp_path):
    path = tmp_path / "bom.jsonl"
    path.write_bytes(
        b"\xef\xbb\xbf" + json.dumps(minimal("b-1")).encode() + b"\n\n\r\n" + b"\xff\xfe\n"
    )
    out, err = StringIO(), StringIO()
    with translation.override("en"), pytest.raises(CommandError):
        call_command("import_practices", str(path), stdout=out, stderr=err)
    assert "created 1" in out.getvalue()
    assert "line 4: not valid UTF-8 text" in err.getvalue()


def test_a_missing_file_is_a_clear_error(site, tmp_path):
    with translation.override("en"), pytest.raises(CommandError, match="cannot read"):
        call_command("import_practices", str(tmp_path / "missing.jsonl"))


def test_import_reads_standard_input(site, monkeypatch):
    import io
    import sys

    data = (json.dumps(minimal("stdin-1"), ensure_ascii=False) + "\n").encode("utf-8")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    out = StringIO()
    with translation.override("en"):
        call_command("import_practices", "-", stdout=out)
    assert "created 1" in out.getvalue()
    assert original("stdin-1").live
