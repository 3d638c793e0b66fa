"""The prize in the Wagtail admin: groups, rounds with inlines, the nomination list."""

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from goodpractice.awards.models import Round, ScreeningStatus

from .factories import (
    SCHEDULE_2026,
    make_member,
    make_nomination,
    make_round,
    make_user,
    organisations,
    score_all,
)

pytestmark = pytest.mark.django_db


def in_group(name):
    user = make_user()
    user.groups.add(Group.objects.get(name=name))
    return user


def test_groups_have_admin_access_and_their_permissions():
    secretariat = in_group("Secretariat")
    juror = in_group("Jury")
    for user in (secretariat, juror):
        assert user.has_perm("wagtailadmin.access_admin")
    assert secretariat.has_perm("awards.change_nomination")
    assert secretariat.has_perm("awards.add_round")
    assert not secretariat.has_perm("awards.change_score")
    assert juror.has_perm("awards.score_nominations")
    assert not juror.has_perm("awards.change_score")
    assert not juror.has_perm("awards.view_nomination")
    assert not juror.has_perm("awards.change_round")


def test_secretariat_lists_filters_and_searches_nominations(client):
    orgs = organisations()
    round_ = make_round()
    eligible = make_nomination(round_, orgs["imatra"], title="Hyvinvointineuvola")
    pending = make_nomination(round_, orgs["tampere"], title="Sisukas-malli", eligible=None)
    client.force_login(in_group("Secretariat"))
    url = reverse("wagtailsnippets_awards_nomination:list")

    response = client.get(url)
    assert response.status_code == 200
    assert eligible.reference in response.content.decode()

    response = client.get(url, {"screening_status": ScreeningStatus.PENDING})
    assert pending.reference in response.content.decode()
    assert eligible.reference not in response.content.decode()

    response = client.get(url, {"q": "Sisukas"})
    assert pending.reference in response.content.decode()
    assert eligible.reference not in response.content.decode()

    response = client.get(url, {"round": round_.pk})
    assert response.status_code == 200


def test_jury_cannot_open_the_nomination_list(client):
    client.force_login(in_group("Jury"))
    response = client.get(reverse("wagtailsnippets_awards_nomination:list"))
    assert response.status_code in (302, 403)


def _round_post_data(year, **extra):
    data = {
        "year": year,
        "name_fi": f"Kunnallinen lastensuojeluteko {year}",
        "name_sv": f"Kommunal barnskyddsinsats {year}",
        "name_en": "",
        "call_text_fi": "",
        "call_text_sv": "",
        "call_text_en": "",
        "panel_weight": "0.2",
        "criteria-TOTAL_FORMS": "0",
        "criteria-INITIAL_FORMS": "0",
        "criteria-MIN_NUM_FORMS": "0",
        "criteria-MAX_NUM_FORMS": "1000",
        "jury_members-TOTAL_FORMS": "0",
        "jury_members-INITIAL_FORMS": "0",
        "jury_members-MIN_NUM_FORMS": "0",
        "jury_members-MAX_NUM_FORMS": "1000",
    }
    data.update({key: value.isoformat() for key, value in SCHEDULE_2026.items()})
    data.update(extra)
    return data


def test_round_created_in_the_admin_gets_the_default_criteria(client):
    client.force_login(in_group("Secretariat"))
    response = client.post(reverse("wagtailsnippets_awards_round:add"), _round_post_data(2026))
    assert response.status_code == 302, response.content.decode()[:2000]
    round_ = Round.objects.get(year=2026)
    assert round_.criteria.count() == 6
    assert str(round_.panel_weight) == "0.20"


def test_round_edit_refuses_to_remove_a_scored_criterion(client):
    orgs = organisations()
    round_ = make_round()
    nomination = make_nomination(round_, orgs["imatra"])
    member = make_member(round_)
    score_all(member, nomination, 4)
    criteria = list(round_.criteria.all())
    data = _round_post_data(2026)
    data.update(
        {
            "criteria-TOTAL_FORMS": str(len(criteria)),
            "criteria-INITIAL_FORMS": str(len(criteria)),
            "jury_members-TOTAL_FORMS": "1",
            "jury_members-INITIAL_FORMS": "1",
            "jury_members-0-id": str(member.pk),
            "jury_members-0-user": str(member.user.pk),
            "jury_members-0-role": member.role,
            "jury_members-0-organisation": "",
            "jury_members-0-ORDER": "1",
            "jury_members-0-DELETE": "",
        }
    )
    for index, criterion in enumerate(criteria):
        prefix = f"criteria-{index}-"
        data.update(
            {
                prefix + "id": str(criterion.pk),
                prefix + "name_fi": criterion.name_fi,
                prefix + "name_sv": criterion.name_sv,
                prefix + "name_en": criterion.name_en,
                prefix + "description_fi": "",
                prefix + "description_sv": "",
                prefix + "description_en": "",
                prefix + "weight": "1",
                prefix + "scale_min": "1",
                prefix + "scale_max": "5",
                prefix + "ORDER": str(index + 1),
                prefix + "DELETE": "1" if index == 0 else "",
            }
        )
    client.force_login(in_group("Secretariat"))
    url = reverse("wagtailsnippets_awards_round:edit", args=[round_.pk])
    response = client.post(url, data)
    assert response.status_code == 200
    # The admin speaks Finnish by default.
    assert "Kriteeriä, jolle on annettu pisteitä, ei voi poistaa." in response.content.decode()
    assert round_.criteria.count() == 6

    data["criteria-0-DELETE"] = ""
    data["criteria-0-weight"] = "2"
    response = client.post(url, data)
    assert response.status_code == 302
    assert round_.criteria.first().weight == 2


def test_admin_forms_render(client):
    orgs = organisations()
    round_ = make_round()
    nomination = make_nomination(round_, orgs["imatra"])
    client.force_login(in_group("Secretariat"))
    for url in (
        reverse("wagtailsnippets_awards_round:list"),
        reverse("wagtailsnippets_awards_round:add"),
        reverse("wagtailsnippets_awards_round:edit", args=[round_.pk]),
        reverse("wagtailsnippets_awards_nomination:edit", args=[nomination.pk]),
    ):
        assert client.get(url).status_code == 200, url
