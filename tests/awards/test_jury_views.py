"""The jury's admin views as a juror, panel member, chair and secretary use them."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from goodpractice.awards.models import Conflict, Decision, Role, Score

from .factories import (
    at,
    in_group,
    make_juror,
    make_nomination,
    make_round,
    organisations,
    score_all,
    shifted_schedule,
)

pytestmark = pytest.mark.django_db


def make_jury(phase="scoring"):
    today = timezone.localdate()
    schedule = shifted_schedule(today, phase)
    orgs = organisations()
    round_ = make_round(2026, schedule=schedule)
    opened = at(schedule["nominations_open"])
    during_scoring = at(schedule["scoring_open"] + datetime.timedelta(days=1))
    return {
        "round": round_,
        "during_scoring": during_scoring,
        "imatra": make_nomination(round_, orgs["imatra"], now=opened, title="Hyvinvointineuvola"),
        "tampere": make_nomination(round_, orgs["tampere"], now=opened, title="Sisukas-malli"),
        "juror": make_juror(round_, organisation=orgs["oulu"]),
        "conflicted": make_juror(round_, organisation=orgs["south_karelia"]),
        "panel": make_juror(round_, role=Role.PANEL),
        "chair": make_juror(round_, role=Role.CHAIR),
    }


@pytest.fixture
def jury():
    return make_jury()


def nomination_url(jury, name):
    return reverse("awards_jury:nomination", args=[jury["round"].pk, jury[name].pk])


def score_data(round_, value, *, action, comment="", confirmed=True):
    # A submission is final, so it is sent again from the confirmation ("confirmed").
    data = {"action": action}
    if action == "submit" and confirmed:
        data["confirmed"] = "1"
    for criterion in round_.criteria.all():
        data[f"score_{criterion.pk}"] = str(value)
        data[f"comment_{criterion.pk}"] = comment
    return data


def test_juror_sees_their_rounds_and_nominations_with_status(client, jury):
    other = make_round(2027, schedule=shifted_schedule(timezone.localdate(), "scoring"))
    client.force_login(jury["juror"].user)
    page = client.get(reverse("awards_jury:rounds")).content.decode()
    assert str(jury["round"]) in page
    assert str(other) not in page

    score_all(jury["juror"], jury["imatra"], 4, submit=False, now=jury["during_scoring"])
    page = client.get(reverse("awards_jury:round", args=[jury["round"].pk])).content.decode()
    assert "Hyvinvointineuvola" in page and "Sisukas-malli" in page
    assert "Luonnos" in page  # Imatra: draft
    assert "Ei aloitettu" in page  # Tampere: not started

    score_all(jury["juror"], jury["tampere"], 3, now=jury["during_scoring"])
    page = client.get(reverse("awards_jury:rounds")).content.decode()
    assert "<td>1/2</td>" in page  # submitted of owed

    client.force_login(jury["conflicted"].user)
    page = client.get(reverse("awards_jury:round", args=[jury["round"].pk])).content.decode()
    assert "Esteellinen" in page


def test_nomination_page_hides_the_nominators_contact_details(client, jury):
    client.force_login(jury["juror"].user)
    page = client.get(nomination_url(jury, "imatra")).content.decode()
    assert "Hyvinvointineuvola" in page
    assert "Neuvola tukee perheitä" in page
    for private in ("Nina Nimeäjä", "nina@example.invalid", "+358 40 000 0001"):
        assert private not in page


def test_draft_then_submit(client, jury):
    round_, juror = jury["round"], jury["juror"]
    first = round_.criteria.first()
    client.force_login(juror.user)
    url = nomination_url(jury, "imatra")

    response = client.post(
        url, {"action": "save", f"score_{first.pk}": "4", f"comment_{first.pk}": "Hyvä alku"}
    )
    assert response.status_code == 302
    draft = Score.objects.get(jury_member=juror)
    assert (draft.value, draft.comment, draft.submitted_at) == (4, "Hyvä alku", None)
    page = client.get(url).content.decode()
    assert "Luonnos on tallennettu" in page
    assert "Hyvä alku" in page  # the draft is back in the form

    # Submitting needs every criterion; nothing is submitted on error.
    response = client.post(url, {"action": "submit", f"score_{first.pk}": "4"})
    assert response.status_code == 200
    assert "Valitse pisteet ennen lähettämistä." in response.content.decode()
    assert not Score.objects.filter(submitted_at__isnull=False).exists()

    response = client.post(url, score_data(round_, 5, action="submit"), follow=True)
    assert "Pisteesi on lähetetty" in response.content.decode()
    scores = Score.objects.filter(jury_member=juror)
    assert scores.count() == round_.criteria.count()
    assert all(s.submitted_at and s.value == 5 for s in scores)
    # Every change is in the audit log, attributed to the juror.
    changes = ModelLogEntry.objects.filter(action="awards.score_changed")
    assert changes.count() == round_.criteria.count() + 1
    assert {entry.user for entry in changes} == {juror.user}

    # Submitted scores are final.
    response = client.post(url, score_data(round_, 1, action="save"))
    assert set(scores.values_list("value", flat=True)) == {5}
    assert 'name="action"' not in client.get(url).content.decode()


def test_others_scores_hidden_until_own_are_submitted(client, jury):
    round_ = jury["round"]
    score_all(jury["chair"], jury["imatra"], 2, now=jury["during_scoring"])
    Score.objects.filter(jury_member=jury["chair"]).update(comment="Puheenjohtajan huomio")
    client.force_login(jury["juror"].user)
    url = nomination_url(jury, "imatra")
    assert "Puheenjohtajan huomio" not in client.get(url).content.decode()

    client.post(url, score_data(round_, 4, action="save", comment="Oma huomio"))
    page = client.get(url).content.decode()
    assert "Oma huomio" in page
    assert "Puheenjohtajan huomio" not in page

    client.post(url, score_data(round_, 4, action="submit", comment="Oma huomio"))
    page = client.get(url).content.decode()
    assert "Puheenjohtajan huomio" in page
    assert "Oma huomio" in page


def test_conflicted_juror_sees_neither_form_nor_scores(client, jury):
    score_all(jury["chair"], jury["imatra"], 3, now=jury["during_scoring"])
    Score.objects.update(comment="Puheenjohtajan huomio")
    conflicted = jury["conflicted"]
    client.force_login(conflicted.user)
    url = nomination_url(jury, "imatra")
    page = client.get(url).content.decode()
    assert "Olet esteellinen" in page
    assert 'name="action"' not in page
    assert "Puheenjohtajan huomio" not in page

    response = client.post(url, score_data(jury["round"], 5, action="submit"))
    assert response.status_code == 302
    assert not Score.objects.filter(jury_member=conflicted).exists()


def test_declaring_a_conflict_removes_the_form(client, jury):
    juror = jury["juror"]
    client.force_login(juror.user)
    url = nomination_url(jury, "tampere")
    declare = reverse("awards_jury:declare_conflict", args=[jury["round"].pk, jury["tampere"].pk])

    response = client.post(declare, {"reason": ""}, follow=True)
    assert "Kerro esteellisyyden syy." in response.content.decode()
    assert not Conflict.objects.filter(jury_member=juror).exists()

    client.post(declare, {"reason": "Olin mukana kehittämässä mallia."})
    conflict = Conflict.objects.get(jury_member=juror)
    assert conflict.reason == "Olin mukana kehittämässä mallia." and not conflict.automatic
    assert ModelLogEntry.objects.filter(action="awards.conflict_declared").exists()
    page = client.get(url).content.decode()
    assert 'name="action"' not in page
    assert "Olin mukana kehittämässä mallia." in page


def test_panel_member_uses_the_same_form_in_plain_words(client, jury):
    panel = jury["panel"]
    client.force_login(panel.user)
    url = nomination_url(jury, "imatra")
    page = client.get(url).content.decode()
    assert "Lähetä vastaukseni" in page
    assert "Lähetä pisteet" not in page
    client.post(url, score_data(jury["round"], 3, action="submit"))
    assert Score.objects.filter(jury_member=panel, submitted_at__isnull=False).count() == (
        jury["round"].criteria.count()
    )


def test_nothing_changes_after_scoring_closes(client):
    jury = make_jury("deliberation")
    juror = jury["juror"]
    score_all(juror, jury["imatra"], 3, submit=False, now=jury["during_scoring"])
    client.force_login(juror.user)
    url = nomination_url(jury, "imatra")

    page = client.get(url).content.decode()
    assert "pisteitä ei voi enää muuttaa" in page
    assert 'name="action"' not in page

    response = client.post(url, score_data(jury["round"], 5, action="submit"), follow=True)
    assert "pisteitä ei voi enää muuttaa" in response.content.decode()
    assert set(Score.objects.values_list("value", flat=True)) == {3}
    assert not Score.objects.filter(submitted_at__isnull=False).exists()

    declare = reverse("awards_jury:declare_conflict", args=[jury["round"].pk, jury["imatra"].pk])
    client.post(declare, {"reason": "Myöhässä"})
    assert not Conflict.objects.filter(automatic=False).exists()


def submit_everyone(jury, values):
    """values: member name -> (score for Imatra, score for Tampere)."""
    for name, (imatra, tampere) in values.items():
        member = jury[name]
        if imatra is not None:
            score_all(member, jury["imatra"], imatra, now=jury["during_scoring"])
        if tampere is not None:
            score_all(member, jury["tampere"], tampere, now=jury["during_scoring"])


def test_chair_sees_the_ranking_only_after_scoring_their_own(client, jury):
    submit_everyone(jury, {"juror": (5, 1), "conflicted": (None, 2)})
    client.force_login(jury["chair"].user)
    results = reverse("awards_jury:results", args=[jury["round"].pk])
    page = client.get(results).content.decode()
    assert "jury-ranking" not in page
    assert client.get(
        reverse("awards_jury:export", args=[jury["round"].pk, "csv"])
    ).status_code == (302)

    submit_everyone(jury, {"chair": (4, 4)})
    page = client.get(results).content.decode()
    ranking = page[page.index("jury-ranking") :]
    # Imatra ranks first; the panel has not scored, so its scores are flagged missing.
    assert ranking.index("Hyvinvointineuvola") < ranking.index("Sisukas-malli")
    assert "Pisteitä puuttuu" in page
    assert "Suuri erimielisyys" in page  # Tampere: 1, 2 and 4
    assert 'style="width: 100.0%"' in page  # the juror's 5 on a 1-5 scale


def test_secretariat_sees_progress_and_ranking(client, jury):
    submit_everyone(jury, {"juror": (3, 3), "chair": (3, 3)})
    client.force_login(in_group("Secretariat"))
    page = client.get(reverse("awards_jury:results", args=[jury["round"].pk])).content.decode()
    assert "Edistyminen" in page
    # Both progress tables, each with its caption and rows.
    assert "<caption>Jäsenittäin</caption>" in page
    assert "<caption>Ehdotuksittain</caption>" in page
    assert "Tasapisteet" in page  # both nominations have the same mean
    assert "Kirjaa päätös" not in page  # the secretariat does not decide


def test_csv_and_xlsx_exports_hold_every_score(client, jury):
    submit_everyone(jury, {"juror": (5, 2), "chair": (4, 3)})
    Score.objects.filter(jury_member=jury["juror"]).update(comment="=HYPERLINK()")
    score_all(jury["panel"], jury["imatra"], 3, submit=False, now=jury["during_scoring"])
    criteria = jury["round"].criteria.count()
    client.force_login(jury["chair"].user)

    response = client.get(reverse("awards_jury:export", args=[jury["round"].pk, "csv"]))
    assert response["Content-Type"].startswith("text/csv")
    assert "scores-2026.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, body = rows[0], rows[1:]
    assert header[:2] == ["Viitenumero", "Ehdotus"]
    assert len(body) == criteria * 5  # juror and chair on two, the panel's draft on one
    juror_name = jury["juror"].user.get_username()
    juror_rows = [row for row in body if row[3] == juror_name]
    assert {row[0] for row in juror_rows} == {jury["imatra"].reference, jury["tampere"].reference}
    assert {row[10] for row in juror_rows} == {"'=HYPERLINK()"}  # not run as a formula
    assert sum(row[11] == "Luonnos" for row in body) == criteria

    response = client.get(reverse("awards_jury:export", args=[jury["round"].pk, "xlsx"]))
    assert "scores-2026.xlsx" in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Pisteet", "Paremmuusjärjestys"]
    values = list(workbook["Pisteet"].iter_rows(values_only=True))
    assert values[0][:2] == ("Viitenumero", "Ehdotus")
    assert len(values) == criteria * 5 + 1
    # A draft's value stays the juror's own: the panel's draft rows show none.
    assert sorted({row[9] for row in values[1:] if row[9] is not None}) == [2, 3, 4, 5]
    assert {row[9] for row in values[1:] if row[11] == "Luonnos"} == {None}
    ranking = list(workbook["Paremmuusjärjestys"].iter_rows(values_only=True))
    # Imatra first (means 5 and 4), Tampere second; the panel's draft leaves both missing.
    assert [(row[0], row[1], row[3]) for row in ranking[1:]] == [
        (1, jury["imatra"].reference, 4.5),
        (2, jury["tampere"].reference, 2.5),
    ]
    assert all(str(jury["panel"]) in row[8] for row in ranking[1:])


def test_chair_records_the_decision(client):
    jury = make_jury("deliberation")
    round_, imatra, tampere = jury["round"], jury["imatra"], jury["tampere"]
    url = reverse("awards_jury:decision", args=[round_.pk])
    data = {
        "winner": imatra.pk,
        "honourable_mentions": [tampere.pk],
        "rationale_fi": "Neuvola tukee perheitä varhain.",
        "rationale_sv": "Rådgivningen stöder familjer tidigt.",
    }

    client.force_login(in_group("Secretariat"))
    client.post(url, data)
    assert not Decision.objects.exists()

    client.force_login(jury["chair"].user)
    response = client.post(url, {**data, "honourable_mentions": [imatra.pk]})
    assert response.status_code == 200
    assert "Voittaja ei voi saada myös kunniamainintaa." in response.content.decode()
    assert not Decision.objects.exists()

    response = client.post(url, data, follow=True)
    decision = Decision.objects.get()
    assert decision.winner == imatra
    assert list(decision.honourable_mentions.all()) == [tampere]
    assert decision.decided_by == jury["chair"].user
    page = response.content.decode()
    assert "Päätös on kirjattu." in page
    assert "Rådgivningen stöder familjer tidigt." in page


def test_decision_waits_for_scoring_to_close(client, jury):
    client.force_login(jury["chair"].user)
    url = reverse("awards_jury:decision", args=[jury["round"].pk])
    page = client.get(url).content.decode()
    assert 'name="winner"' not in page
    client.post(
        url,
        {"winner": jury["imatra"].pk, "rationale_fi": "Perustelu", "rationale_sv": "Motivering"},
    )
    assert not Decision.objects.exists()


def test_panel_member_reading_swedish_gets_the_form_in_swedish(client, jury):
    panel = jury["panel"]
    profile = UserProfile.get_for_user(panel.user)
    profile.preferred_language = "sv"
    profile.save()
    client.force_login(panel.user)
    page = client.get(nomination_url(jury, "imatra")).content.decode()
    assert "Skicka mina svar" in page
    assert "Anmäl jäv" in page


def test_submitting_scores_asks_for_confirmation_with_a_summary_first(client, jury):
    client.force_login(jury["juror"].user)
    url = nomination_url(jury, "tampere")
    data = score_data(jury["round"], 4, action="submit", comment="Vahva malli", confirmed=False)
    response = client.post(url, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Lähetettyjä pisteitä ei voi enää muuttaa" in page
    assert page.count("4 / 5") == jury["round"].criteria.count()
    assert "Vahva malli" in page
    assert not Score.objects.filter(jury_member=jury["juror"]).exists()

    client.post(url, {**data, "confirmed": "1"})
    scores = Score.objects.filter(jury_member=jury["juror"], nomination=jury["tampere"])
    assert scores.count() == jury["round"].criteria.count()
    assert not scores.filter(submitted_at__isnull=True).exists()
