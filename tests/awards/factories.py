"""Builders for prize tests: rounds, organisations, jury members, nominations, scores."""

import datetime
import itertools

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from goodpractice.awards import services
from goodpractice.awards.models import JuryMember, Nomination, Role, ScreeningStatus
from goodpractice.organisations.models import Organisation

_counter = itertools.count(1)

# The 2026 round as the real prize has run: open in October, closed in December,
# announced in February.
SCHEDULE_2026 = {
    "nominations_open": datetime.date(2025, 10, 1),
    "nominations_close": datetime.date(2025, 12, 15),
    "screening_end": datetime.date(2026, 1, 5),
    "scoring_open": datetime.date(2026, 1, 7),
    "scoring_close": datetime.date(2026, 1, 31),
    "announcement_date": datetime.date(2026, 2, 12),
}
DURING_NOMINATION = datetime.date(2025, 11, 1)
DURING_SCREENING = datetime.date(2026, 1, 2)
DURING_SCORING = datetime.date(2026, 1, 15)
AFTER_SCORING = datetime.date(2026, 2, 3)


def at(day, hour=12):
    """An aware datetime in Finnish time on the given day."""
    from django.utils import timezone

    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def shifted_schedule(today, phase="nomination"):
    """A schedule that puts today in the given phase, for views that use the real clock."""
    offsets = {
        "upcoming": 10,
        "nomination": -5,
        "screening": -40,
        "scoring": -70,
        "deliberation": -100,
    }[phase]
    start = today + datetime.timedelta(days=offsets)
    day = datetime.timedelta
    return {
        "nominations_open": start,
        "nominations_close": start + day(30),
        "screening_end": start + day(50),
        "scoring_open": start + day(60),
        "scoring_close": start + day(90),
        "announcement_date": start + day(120),
    }


def make_round(year=2026, *, schedule=None, **fields):
    return services.create_round(year=year, **(schedule or SCHEDULE_2026), **fields)


def organisation(code, name, *, kind=Organisation.Kind.MUNICIPALITY, region=None):
    found = Organisation.objects.filter(code=code).first()
    if found:
        return found
    return Organisation.objects.create(
        code=code,
        kind=kind,
        slug=f"org-{code.lower()}",
        name_fi=name,
        name_sv=name,
        region=region,
    )


def organisations():
    """Two counties with municipalities: enough for conflict rules."""
    south_karelia = organisation(
        "EK", "Etelä-Karjalan hyvinvointialue", kind=Organisation.Kind.COUNTY
    )
    pirkanmaa = organisation("PI", "Pirkanmaan hyvinvointialue", kind=Organisation.Kind.COUNTY)
    return {
        "south_karelia": south_karelia,
        "pirkanmaa": pirkanmaa,
        "imatra": organisation("153", "Imatra", region=south_karelia),
        "lappeenranta": organisation("405", "Lappeenranta", region=south_karelia),
        "tampere": organisation("837", "Tampere", region=pirkanmaa),
        "oulu": organisation("564", "Oulu"),
    }


def make_user(username=None, **fields):
    username = username or f"user{next(_counter)}"
    fields.setdefault("email", f"{username}@example.invalid")
    return get_user_model().objects.create_user(
        username=username, password="pw-for-tests-only", **fields
    )


def make_member(round_, *, role=Role.JUROR, organisation=None, user=None):
    return JuryMember.objects.create(
        round=round_, user=user or make_user(), role=role, organisation=organisation
    )


def in_group(name, user=None):
    """A user in one of the groups the migrations create ("Jury", "Secretariat")."""
    user = user or make_user()
    user.groups.add(Group.objects.get(name=name))
    return user


def make_juror(round_, **fields):
    """A jury or panel member who can sign in to the admin, as the secretariat sets up."""
    return make_member(round_, user=in_group("Jury"), **fields)


def nomination_fields(nominee, **fields):
    number = next(_counter)
    values = {
        "nominee": nominee,
        "title": f"Hyvinvointineuvola {number}",
        "what_was_done": "Neuvola tukee perheitä raskausajasta alkaen.",
        "for_whom": "Lapsiperheet",
        "results": "Kotikäyntejä tarvittaessa; lastensuojeluilmoitukset vähenivät.",
        "client_participation": "Vanhemmat suunnittelivat kotikäynnit.",
        "how_to_adopt": "Neuvolan ja sosiaalityön yhteinen tiimi.",
        "nominator_name": "Nina Nimeäjä",
        "nominator_email": "nina@example.invalid",
        "nominator_phone": "+358 40 000 0001",
        "nominator_organisation": "Lastensuojelun Keskusliitto",
        "consent_to_publish": True,
    }
    values.update(fields)
    return values


def make_nomination(round_, nominee, *, eligible=True, now=None, **fields):
    """A nomination as the public form makes it, then screened."""
    nomination = services.submit_nomination(
        round_, now=now or at(DURING_NOMINATION), **nomination_fields(nominee, **fields)
    )
    if eligible is not None:
        nomination.screening_status = (
            ScreeningStatus.ELIGIBLE if eligible else ScreeningStatus.INELIGIBLE
        )
        nomination.save()
    return Nomination.objects.get(pk=nomination.pk)


def score_all(member, nomination, value, *, submit=True, now=None):
    values = dict.fromkeys(member.round.criteria.all(), (value, ""))
    services.save_scores(member, nomination, values, submit=submit, now=now or at(DURING_SCORING))
