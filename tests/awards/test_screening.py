"""Screening: eligibility with a reason, and merging duplicates in the service and the admin."""

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import ModelLogEntry

from goodpractice.awards.models import Nomination, ScreeningStatus
from goodpractice.awards.screening import merge_nominations, screen_nomination

from .factories import (
    DURING_NOMINATION,
    DURING_SCORING,
    at,
    make_member,
    make_nomination,
    make_round,
    make_user,
    organisations,
    score_all,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def nominations():
    orgs = organisations()
    round_ = make_round()
    return {
        "original": make_nomination(
            round_, orgs["imatra"], title="Hyvinvointineuvola", eligible=None
        ),
        "duplicate": make_nomination(
            round_,
            orgs["imatra"],
            title="Imatran hyvinvointineuvola",
            what_was_done="Kotikäynnit neuvolasta.",
            eligible=None,
        ),
        "other": make_nomination(round_, orgs["tampere"], title="Sisukas", eligible=None),
    }


def secretary():
    user = make_user(first_name="Sanna", last_name="Sihteeri")
    user.groups.add(Group.objects.get(name="Secretariat"))
    return user


def test_a_nomination_ruled_out_needs_a_reason(nominations):
    nomination = nominations["other"]
    with pytest.raises(ValidationError) as error:
        screen_nomination(nomination, ScreeningStatus.INELIGIBLE, "  ")
    assert "screening_reason" in error.value.message_dict

    user = secretary()
    screen_nomination(nomination, ScreeningStatus.INELIGIBLE, "Ei kunnallinen teko.", user=user)
    nomination.refresh_from_db()
    assert nomination.screening_status == ScreeningStatus.INELIGIBLE
    assert nomination.screening_reason == "Ei kunnallinen teko."
    entry = ModelLogEntry.objects.get(action="awards.nomination_screened")
    assert entry.user == user and entry.data["status"] == "ineligible"

    screen_nomination(nomination, ScreeningStatus.ELIGIBLE)
    assert Nomination.objects.get(pk=nomination.pk).is_eligible


def test_merge_keeps_the_text_and_records_who_merged(nominations):
    user = secretary()
    original, duplicate = nominations["original"], nominations["duplicate"]
    earlier = make_nomination(original.round, original.nominee, title="Neuvola", eligible=None)
    earlier.duplicate_of = duplicate
    earlier.save()

    merge_nominations(duplicate, original, user=user)

    duplicate.refresh_from_db()
    original.refresh_from_db()
    assert duplicate.duplicate_of == original
    assert duplicate.merged_by == user and duplicate.merged_at is not None
    assert not duplicate.is_eligible
    assert duplicate.reference in original.notes
    assert "Imatran hyvinvointineuvola" in original.notes
    assert "Kotikäynnit neuvolasta." in original.notes
    assert "Sanna Sihteeri" in original.notes
    # Whatever pointed at the duplicate now points at the nomination that stays.
    assert Nomination.objects.get(pk=earlier.pk).duplicate_of == original
    entry = ModelLogEntry.objects.get(action="awards.nomination_merged")
    assert entry.user == user and entry.data == {"into": original.reference}
    # Only the surviving nomination is screened and scored.
    for nomination in nominations.values():
        screen_nomination(Nomination.objects.get(pk=nomination.pk), ScreeningStatus.ELIGIBLE)
    eligible = set(Nomination.objects.filter(round=original.round).eligible())
    assert eligible == {original, nominations["other"]}


def test_merges_that_make_no_sense_are_refused(nominations):
    original, duplicate, other = (
        nominations["original"],
        nominations["duplicate"],
        nominations["other"],
    )
    with pytest.raises(ValidationError):
        merge_nominations(original, original)
    other_round = make_round(2027)
    elsewhere = make_nomination(
        other_round, original.nominee, now=at(DURING_NOMINATION), eligible=None
    )
    with pytest.raises(ValidationError):
        merge_nominations(elsewhere, original)
    merge_nominations(duplicate, original)
    with pytest.raises(ValidationError):
        merge_nominations(duplicate, other)  # already merged
    with pytest.raises(ValidationError):
        merge_nominations(other, duplicate)  # into a merged one


def test_a_scored_nomination_cannot_be_merged(nominations):
    original, other = nominations["original"], nominations["other"]
    screen_nomination(other, ScreeningStatus.ELIGIBLE)
    juror = make_member(original.round)
    score_all(juror, Nomination.objects.get(pk=other.pk), 3, now=at(DURING_SCORING))
    with pytest.raises(ValidationError):
        merge_nominations(other, original)


def test_secretariat_merges_a_duplicate_in_the_admin(client, nominations):
    original, duplicate = nominations["original"], nominations["duplicate"]
    user = secretary()
    client.force_login(user)

    listing = client.get(reverse("wagtailsnippets_awards_nomination:list")).content.decode()
    merge_url = reverse("wagtailsnippets_awards_nomination:merge", args=[duplicate.pk])
    assert merge_url in listing

    response = client.get(merge_url)
    assert response.status_code == 200
    content = response.content.decode()
    assert original.reference in content
    # The likely duplicate is offered first.
    assert f'<option value="{original.pk}" selected>' in content

    response = client.post(merge_url, {"into": original.pk})
    assert response.status_code == 302
    duplicate.refresh_from_db()
    assert duplicate.duplicate_of == original and duplicate.merged_by == user
    # A merged nomination offers no second merge.
    listing = client.get(reverse("wagtailsnippets_awards_nomination:list")).content.decode()
    assert merge_url not in listing


def test_jurors_cannot_merge(client, nominations):
    juror = make_user()
    juror.groups.add(Group.objects.get(name="Jury"))
    client.force_login(juror)
    duplicate, original = nominations["duplicate"], nominations["original"]
    url = reverse("wagtailsnippets_awards_nomination:merge", args=[duplicate.pk])
    assert client.post(url, {"into": original.pk}).status_code in (302, 403)
    assert Nomination.objects.get(pk=duplicate.pk).duplicate_of is None


def test_the_model_requires_a_reason_for_ineligible(nominations):
    nomination = nominations["other"]
    nomination.screening_status = ScreeningStatus.INELIGIBLE
    with pytest.raises(ValidationError) as error:
        nomination.full_clean(exclude=["sequence", "reference"])
    assert "screening_reason" in error.value.message_dict
