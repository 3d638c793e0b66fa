"""Who can open which jury view: the permission matrix over the jury URLs."""

import pytest
from django.urls import reverse
from django.utils import timezone

from goodpractice.awards.attachments import store_attachments
from goodpractice.awards.models import Role
from tests import files

from .factories import (
    at,
    in_group,
    make_juror,
    make_nomination,
    make_round,
    make_user,
    organisations,
    score_all,
    shifted_schedule,
)

pytestmark = pytest.mark.django_db

OK, LOGIN, DENIED, MISSING = "ok", "login", "denied", "missing"


def outcome(response, client=None):
    """What the user notices: the page, the sign-in page, a refusal or nothing there."""
    location = response.get("Location", "")
    if response.status_code == 302 and location == f"/fi{response.wsgi_request.path}":
        # The site's language middleware sends unknown paths on to the public site.
        response = client.get(location)
    if response.status_code == 200:
        return OK
    if response.status_code == 404:
        return MISSING
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith(reverse("wagtailadmin_login")):
            return LOGIN
        if location == reverse("wagtailadmin_home"):
            return DENIED
    raise AssertionError(f"unexpected response {response.status_code}")


@pytest.fixture
def world(private_files):
    today = timezone.localdate()
    schedule = shifted_schedule(today, "scoring")
    orgs = organisations()
    round_ = make_round(2026, schedule=schedule)
    opened = at(schedule["nominations_open"])
    nomination = make_nomination(round_, orgs["imatra"], now=opened)
    (attachment,) = store_attachments(nomination, [files.pdf()])
    chair = make_juror(round_, role=Role.CHAIR)
    # The chair has scored everything, so the chair's results and exports are open.
    score_all(chair, nomination, 4, now=at(today))
    other_round = make_round(2027, schedule=schedule)
    return {
        "round": round_,
        "nomination": nomination,
        "attachment": attachment,
        "users": {
            "anonymous": None,
            "no admin access": make_user(),
            # Nominators send the form without an account; one who has a site account
            # still cannot read what was sent.
            "nominator": make_user(email=nomination.nominator_email),
            "admin user off the jury": in_group("Jury"),
            "juror of another round": make_juror(other_round).user,
            "juror": make_juror(round_, organisation=orgs["oulu"]).user,
            # Works for Imatra's county: conflicted with the nomination.
            "conflicted juror": make_juror(round_, organisation=orgs["south_karelia"]).user,
            "panel member": make_juror(round_, role=Role.PANEL).user,
            "chair": chair.user,
            "secretariat": in_group("Secretariat"),
        },
    }


def urls(world):
    round_id, nomination_id = world["round"].pk, world["nomination"].pk
    return {
        "rounds": reverse("awards_jury:rounds"),
        "round": reverse("awards_jury:round", args=[round_id]),
        "nomination": reverse("awards_jury:nomination", args=[round_id, nomination_id]),
        "results": reverse("awards_jury:results", args=[round_id]),
        "csv": reverse("awards_jury:export", args=[round_id, "csv"]),
        "xlsx": reverse("awards_jury:export", args=[round_id, "xlsx"]),
        "decision": reverse("awards_jury:decision", args=[round_id]),
        "attachment": world["attachment"].get_download_url(),
    }


# user: outcomes for rounds, round, nomination, results, csv, xlsx, decision, attachment
MATRIX = {
    "anonymous": [LOGIN] * 8,
    "no admin access": [LOGIN] * 8,
    "nominator": [LOGIN] * 8,
    "admin user off the jury": [DENIED] + [MISSING] * 7,
    "juror of another round": [OK] + [MISSING] * 7,
    "juror": [OK, OK, OK, DENIED, DENIED, DENIED, DENIED, OK],
    # Sees that the nomination exists and why it is not theirs, but not its material.
    "conflicted juror": [OK, OK, OK, DENIED, DENIED, DENIED, DENIED, DENIED],
    "panel member": [OK, OK, OK, DENIED, DENIED, DENIED, DENIED, OK],
    "chair": [OK] * 8,
    # The secretariat follows results but does not sit on the jury or record the decision.
    "secretariat": [OK, MISSING, MISSING, OK, OK, OK, DENIED, OK],
}


@pytest.mark.parametrize("who", MATRIX)
def test_permission_matrix(client, world, who):
    user = world["users"][who]
    if user is not None:
        client.force_login(user)
    got = [outcome(client.get(url), client) for url in urls(world).values()]
    assert got == MATRIX[who]


@pytest.mark.parametrize(
    "who", ["juror of another round", "secretariat", "admin user off the jury"]
)
def test_outsiders_cannot_post_scores_or_conflicts(client, world, who):
    client.force_login(world["users"][who])
    round_, nomination = world["round"], world["nomination"]
    criterion = round_.criteria.first()
    score_url = reverse("awards_jury:nomination", args=[round_.pk, nomination.pk])
    response = client.post(score_url, {"action": "save", f"score_{criterion.pk}": "5"})
    assert outcome(response, client) == MISSING
    conflict_url = reverse("awards_jury:declare_conflict", args=[round_.pk, nomination.pk])
    assert outcome(client.post(conflict_url, {"reason": "Testi"}), client) == MISSING
    assert not nomination.scores.exclude(jury_member__role=Role.CHAIR).exists()
    assert not nomination.conflicts.filter(automatic=False).exists()


def test_menu_item_only_for_jury_and_secretariat(client, world):
    jury_url = reverse("awards_jury:rounds")
    for who, shown in [
        ("juror", True),
        ("panel member", True),
        ("secretariat", True),
        ("admin user off the jury", False),
    ]:
        client.force_login(world["users"][who])
        page = client.get(reverse("wagtailadmin_home")).content.decode()
        assert (jury_url in page) is shown, who
