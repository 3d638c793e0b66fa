"""Which jury members score which nomination: the whole jury by default, editors choose."""

import importlib
import re

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from goodpractice.awards import services
from goodpractice.awards.models import Role
from goodpractice.awards.progress import member_progress, round_progress

from .factories import (
    at,
    in_group,
    make_juror,
    make_member,
    make_nomination,
    make_round,
    organisations,
    score_all,
    shifted_schedule,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def jury():
    orgs = organisations()
    schedule = shifted_schedule(timezone.localdate(), "scoring")
    round_ = make_round(schedule=schedule)
    members = {
        "juror": make_juror(round_, organisation=orgs["oulu"]),
        "other": make_juror(round_),
        "panel": make_juror(round_, role=Role.PANEL),
        "chair": make_juror(round_, role=Role.CHAIR),
    }
    opened = at(schedule["nominations_open"])
    return {
        "round": round_,
        "orgs": orgs,
        "members": members,
        "imatra": make_nomination(round_, orgs["imatra"], now=opened),
        "tampere": make_nomination(round_, orgs["tampere"], now=opened),
    }


def test_every_member_of_the_round_is_assigned_by_default(jury):
    everyone = set(jury["members"].values())
    assert set(jury["imatra"].assigned_members.all()) == everyone
    # Also for nominations that arrive after the jury is set up...
    round_ = make_round(2027, schedule=shifted_schedule(timezone.localdate(), "nomination"))
    early = make_member(round_)
    nomination = make_nomination(round_, jury["orgs"]["oulu"], now=timezone.now())
    assert list(nomination.assigned_members.all()) == [early]
    # ...and for members who join after the nominations.
    late = make_member(round_)
    assert set(nomination.assigned_members.all()) == {early, late}


def test_an_unassigned_juror_neither_sees_nor_scores_the_nomination(client, jury):
    juror, imatra = jury["members"]["juror"], jury["imatra"]
    imatra.assigned_members.remove(juror)
    round_ = jury["round"]
    client.force_login(juror.user)
    listing = client.get(reverse("awards_jury:round", args=[round_.pk])).content.decode()
    assert jury["tampere"].title in listing
    assert imatra.title not in listing
    page = client.get(reverse("awards_jury:nomination", args=[round_.pk, imatra.pk]))
    assert page.status_code == 404
    with pytest.raises(PermissionDenied):
        score_all(juror, imatra, 4, now=timezone.now())
    assert not imatra.scores.exists()


def test_progress_and_ranking_expect_scores_only_from_assigned_members(jury):
    members, imatra, tampere = jury["members"], jury["imatra"], jury["tampere"]
    imatra.assigned_members.remove(members["other"], members["panel"])
    now = timezone.now()
    for member in (members["juror"], members["chair"]):
        score_all(member, imatra, 4, now=now)
        score_all(member, tampere, 3, now=now)

    other = member_progress(members["other"])
    assert (other.submitted, other.expected) == (0, 1)  # Tampere only
    assert member_progress(members["juror"]).complete
    by_nomination = {row.subject: row for row in round_progress(jury["round"]).by_nomination}
    assert by_nomination[imatra].complete
    assert by_nomination[imatra].expected == 2
    assert by_nomination[tampere].expected == 4

    ranking = services.ranking_for_round(jury["round"])
    assert ranking.result_for(imatra.pk).missing == ()
    assert set(ranking.result_for(tampere.pk).missing) == {
        members["other"].pk,
        members["panel"].pk,
    }


def edit_data(nomination, **changes):
    data = {
        "screening_status": "eligible",
        "duplicate_of": "",
        "screening_reason": "",
        "notes": "",
        "round": nomination.round_id,
        "nominee": nomination.nominee_id,
        "title": nomination.title,
        "what_was_done": nomination.what_was_done,
        "for_whom": nomination.for_whom,
        "results": nomination.results,
        "client_participation": nomination.client_participation,
        "how_to_adopt": nomination.how_to_adopt,
        "practice": "",
        "nominator_name": nomination.nominator_name,
        "nominator_email": nomination.nominator_email,
        "nominator_phone": nomination.nominator_phone,
        "nominator_organisation": nomination.nominator_organisation,
        "language": nomination.language,
        "consent_to_publish": "on",
        "assigned_members": [m.pk for m in nomination.assigned_members.all()],
    }
    data.update(changes)
    return data


def test_editors_choose_the_jurors_while_screening(client, jury):
    members, imatra = jury["members"], jury["imatra"]
    other_round_member = make_member(make_round(2027))
    client.force_login(in_group("Secretariat"))
    url = reverse("wagtailsnippets_awards_nomination:edit", args=[imatra.pk])
    form = client.get(url).content.decode()
    # The round's members are offered, ticked; no one from another round.
    offered = dict(re.findall(r'name="assigned_members" value="(\d+)"([^>]*)>', form))
    assert set(offered) == {str(member.pk) for member in members.values()}
    assert all("checked" in attributes for attributes in offered.values())
    assert str(other_round_member.pk) not in offered

    chosen = [members["juror"].pk, members["chair"].pk]
    response = client.post(url, edit_data(imatra, assigned_members=chosen))
    assert response.status_code == 302
    assert sorted(imatra.assigned_members.values_list("pk", flat=True)) == sorted(chosen)


def test_a_member_who_has_scored_cannot_be_unassigned(client, jury):
    members, imatra = jury["members"], jury["imatra"]
    score_all(members["other"], imatra, 4, submit=False, now=timezone.now())
    client.force_login(in_group("Secretariat"))
    url = reverse("wagtailsnippets_awards_nomination:edit", args=[imatra.pk])
    response = client.post(url, edit_data(imatra, assigned_members=[members["juror"].pk]))
    assert response.status_code == 200
    assert "on jo pisteyttänyt tämän ehdotuksen" in response.content.decode()
    assert imatra.assigned_members.count() == 4


def test_the_migration_assigns_existing_nominations_to_the_whole_jury(jury):
    imatra = jury["imatra"]
    imatra.assigned_members.clear()
    migration = importlib.import_module("goodpractice.awards.migrations.0005_assign_whole_jury")
    migration.assign_whole_jury(apps, None)
    assert set(imatra.assigned_members.all()) == set(jury["members"].values())
    # Existing assignments are kept, not duplicated.
    assert jury["tampere"].assigned_members.count() == 4
