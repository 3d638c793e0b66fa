"""Demo prize rounds: last year's finished round with its winner, this year's open call,
and a jury practice round in scoring, so that `demo-juror` has nominations to score at once.

Everything goes through the prize's own services, with the clock set to the phase each
step belongs to. A round that exists already (by year) is left alone, so loading twice
changes nothing. Jury users have public passwords and exist only in development.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from goodpractice.awards import screening, services
from goodpractice.awards.announcement import carry_out_announcement
from goodpractice.awards.models import Decision, JuryMember, Role, Round, ScreeningStatus
from goodpractice.organisations.models import Organisation

from ..exchange import original_practices

DEMO_JURY_PASSWORD = "demo"  # development only, like the demo superuser's
# username, first name, last name, role, organisation code (conflicts follow from it)
DEMO_JURY = [
    ("demo-chair", "Kaisa", "Puheenjohtaja", Role.CHAIR, None),
    ("demo-juror", "Juho", "Tuomari", Role.JUROR, None),
    # Works for the Ostrobothnia county: conflicted with Vaasa's nomination automatically.
    ("demo-juror-po", "Sara", "Domare", Role.JUROR, "PO"),
    ("demo-panel-youth", "Noora", "Nuori", Role.PANEL, None),
    ("demo-panel-parent", "Pekka", "Vanhempi", Role.PANEL, None),
]
NOMINATOR = {
    "nominator_name": "Demo Nominator",
    "nominator_email": "nominator@example.invalid",
    "nominator_organisation": "Esimerkkiyhdistys ry",
    "consent_to_publish": True,
}

# key, nominee code, language, linked demo practice, title, what, for whom, results,
# participation, adoption
FINISHED_NOMINATIONS = [
    (
        "winner",
        "905",
        "sv",
        "demo-hjalp-hem",
        "Multiprofessionell hjälp hem till familjen",
        "Socialarbetare, familjearbetare och hälsovårdare kommer hem till familjen inom en "
        "vecka från kontakten och arbetar där tillsammans med familjen.",
        "Barnfamiljer som behöver stöd i vardagen, särskilt familjer som inte orkar söka "
        "sig till mottagningar.",
        "Färre barnskyddsanmälningar och placeringar i de områden där modellen används.",
        "Föräldrar och barn planerar besöken och utvärderar dem tillsammans med teamet.",
        "Ett team med tre yrkesgrupper och en gemensam tidsbokning räcker för att börja.",
    ),
    (
        "duplicate",
        "905",
        "sv",
        None,
        "Hjälp hem till familjen",
        "Ett team från välfärdsområdet besöker familjer hemma.",
        "Barnfamiljer i Vasa.",
        "Familjerna fick hjälp snabbare.",
        "",
        "",
    ),
    (
        "mention",
        "564",
        "fi",
        "demo-jalkihuollon-olohuone",
        "Jälkihuollon olohuone",
        "Jälkihuollon nuorille avattiin matalan kynnyksen kohtaamispaikka, jossa on "
        "ohjaaja paikalla arki-iltaisin.",
        "Sijaishuollosta itsenäistyvät nuoret.",
        "Nuoret pitävät yhteyttä jälkihuoltoon pidempään, ja asumisen kriisit vähenivät.",
        "Nuoret suunnittelivat tilan ja sen säännöt.",
        "Tila, ohjaaja ja sovittu yhteistyö jälkihuollon sosiaalityön kanssa.",
    ),
    (
        "panel",
        "PI",
        "fi",
        "demo-asiakasraati",
        "Nuorten ja vanhempien asiakasraati",
        "Asiakasraati arvioi palveluja, ja johto vastaa raadille kirjallisesti.",
        "Lastensuojelun asiakkaat ja palvelujen johto.",
        "Asiakassuunnitelman käytäntöjä muutettiin raadin havaintojen perusteella.",
        "Raati koostuu kokemusasiantuntijoista.",
        "Ohjaaja, palkkiot raatilaisille ja johtoryhmän sitoutuminen.",
    ),
    (
        "ineligible",
        "837",
        "fi",
        None,
        "Lastensuojelun teemapäivä",
        "Järjestimme yhden teemapäivän lastensuojelun ammattilaisille.",
        "Ammattilaiset",
        "Osallistujat pitivät päivästä.",
        "",
        "",
    ),
]
SCREENING_REASON_INELIGIBLE = (
    "Yksittäinen tapahtuma, ei vakiintunut toimintatapa, joten ehdotus ei täytä palkinnon ehtoja."
)
# Each nomination's base score and each member's leniency, so the ranking has a shape.
BASE_SCORES = {"winner": 4, "mention": 4, "panel": 3}
LENIENCY = {"demo-chair": 0, "demo-juror": 1, "demo-juror-po": -1}
RATIONALE_FI = (
    "Vaasan moniammatillinen kotiin annettava apu tuo tuen perheen arkeen ennen kuin "
    "ongelmat kasvavat. Tuomaristo arvosti sitä, että vanhemmat ja lapset suunnittelevat "
    "käynnit itse ja että malli on helppo ottaa käyttöön muualla."
)
RATIONALE_SV = (
    "Vasas multiprofessionella hjälp hem till familjen ger stöd i vardagen innan problemen "
    "växer. Juryn uppskattade att föräldrar och barn själva planerar besöken och att "
    "modellen är lätt att ta i bruk på andra håll."
)
OPEN_NOMINATIONS = [
    (
        "153",
        "fi",
        None,
        "Koulun ja lastensuojelun yhteinen aamupalaverimalli",
        "Koulun oppilashuolto ja lastensuojelu tapaavat viikoittain lyhyesti.",
        "Koululaiset, joiden tilanteesta on huolta.",
        "Huoliin tartutaan viikossa eikä kuukausissa.",
        "",
        "Sovittu viikkoaika ja yhteinen muistiopohja.",
    ),
    (
        "IU",
        "sv",
        "demo-lagtroskeltjanster",
        "Lågtröskeltjänster för barnfamiljer",
        "Familjer får hjälp utan remiss på familjecentret.",
        "Barnfamiljer i Östra Nyland.",
        "Fler familjer söker hjälp tidigt.",
        "Familjerna ger respons efter varje besök.",
        "Öppen mottagning två gånger i veckan.",
    ),
]

# The practice round is found again by this name; its year is the first one free after the
# others, because a round's year is unique.
SCORING_ROUND_NAMES = {
    "name_fi": "Tuomariston harjoituskierros",
    "name_sv": "Juryns övningsomgång",
    "name_en": "Jury practice round",
}
# nominee code, language, linked demo practice, title, what, for whom, results,
# participation, adoption
SCORING_NOMINATIONS = [
    (
        "091",
        "fi",
        None,
        "Perhekeskuksen avoin vastaanotto",
        "Perheet saavat perhekeskuksesta apua ilman ajanvarausta kahtena päivänä viikossa.",
        "Lapsiperheet, jotka tarvitsevat tukea arjessa.",
        "Perheet hakevat apua aiemmin, ja lastensuojeluilmoitukset vähenivät.",
        "Vanhemmat antavat palautetta jokaisen käynnin jälkeen.",
        "Tila, kaksi työntekijää ja sovittu yhteistyö neuvolan kanssa.",
    ),
    (
        "905",
        "sv",
        None,
        "Systemiskt arbete i barnskyddet",
        "Socialarbetarna arbetar i team med en familjeterapeut enligt den systemiska "
        "verksamhetsmodellen.",
        "Barn och familjer inom barnskyddets öppenvård.",
        "Färre placeringar utom hemmet och nöjdare familjer.",
        "Familjerna deltar i teamets reflektion.",
        "Utbildning för teamen och en familjeterapeut per team.",
    ),
    (
        "837",
        "fi",
        None,
        "Sijaishuollon nuorten vertaisryhmä",
        "Sijaishuollossa olevat nuoret tapaavat vertaisryhmässä kokemusasiantuntijan kanssa.",
        "Sijaishuollossa olevat 13–17-vuotiaat.",
        "Nuoret kertovat saavansa tukea toisiltaan ja luottavansa aikuisiin enemmän.",
        "Nuoret päättävät ryhmän aiheista.",
        "Ohjaaja, kokemusasiantuntija ja tila kerran viikossa.",
    ),
]


@dataclass
class PrizeReport:
    created: int = 0
    unchanged: int = 0
    jury_users: int = 0

    def summary(self):
        return f"created {self.created}, unchanged {self.unchanged}"


def _moment(day, hour=12):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def finished_schedule(year):
    """The real prize's rhythm: open in October, closed in December, announced in February."""
    return {
        "nominations_open": datetime.date(year - 1, 10, 1),
        "nominations_close": datetime.date(year - 1, 12, 15),
        "screening_end": datetime.date(year, 1, 5),
        "scoring_open": datetime.date(year, 1, 7),
        "scoring_close": datetime.date(year, 1, 31),
        "announcement_date": datetime.date(year, 2, 12),
    }


def open_schedule(today):
    """The same rhythm for this year's round, stretched so that it is open today."""
    day = datetime.timedelta
    opens = min(datetime.date(today.year, 10, 1), today)
    closes = max(datetime.date(today.year, 12, 15), today + day(30))
    return {
        "nominations_open": opens,
        "nominations_close": closes,
        "screening_end": closes + day(21),
        "scoring_open": closes + day(23),
        "scoring_close": closes + day(47),
        "announcement_date": closes + day(59),
    }


def scoring_schedule(today):
    """Nominations and screening behind, scoring open today for three more weeks."""
    day = datetime.timedelta
    return {
        "nominations_open": today - day(60),
        "nominations_close": today - day(30),
        "screening_end": today - day(10),
        "scoring_open": today - day(7),
        "scoring_close": today + day(21),
        "announcement_date": today + day(45),
    }


def ensure_jury_users():
    """The demo jury's users, in development only. Returns {username: user}."""
    if not settings.DEBUG:
        return {}
    User = get_user_model()
    jury_group = Group.objects.filter(name="Jury").first()
    users = {}
    for username, first_name, last_name, _role, _org in DEMO_JURY:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(
                username,
                f"{username}@example.invalid",
                DEMO_JURY_PASSWORD,
                first_name=first_name,
                last_name=last_name,
            )
            if jury_group:
                user.groups.add(jury_group)
        users[username] = user
    return users


def _add_jury(round_, users):
    members = {}
    for username, _first, _last, role, organisation in DEMO_JURY:
        if username not in users:
            continue
        members[username] = JuryMember.objects.create(
            round=round_,
            user=users[username],
            role=role,
            organisation=Organisation.objects.lookup(organisation) if organisation else None,
        )
    services.sync_automatic_conflicts(round_)
    return members


def _nominate(round_, row, now, practices):
    nominee, language, practice, title, what, whom, results, participation, adoption = row
    return services.submit_nomination(
        round_,
        now=now,
        nominee=Organisation.objects.lookup(nominee),
        language=language,
        practice=practices.get(practice),
        title=title,
        what_was_done=what,
        for_whom=whom,
        results=results,
        client_participation=participation,
        how_to_adopt=adoption,
        **NOMINATOR,
    )


def _score(members, nominations, now):
    for username, member in members.items():
        for key, nomination in nominations.items():
            if key not in BASE_SCORES or services.is_conflicted(member, nomination):
                continue
            value = BASE_SCORES[key] + LENIENCY.get(username, 0) + (key == "winner")
            value = max(1, min(5, value))
            values = dict.fromkeys(member.round.criteria.all(), (value, ""))
            services.save_scores(member, nomination, values, submit=True, now=now)


def _decide(round_, members, winner, mentions, now):
    chair = members.get("demo-chair")
    texts = {"rationale_fi": RATIONALE_FI, "rationale_sv": RATIONALE_SV}
    if chair is not None:
        return services.record_decision(
            round_, user=chair.user, winner=winner, honourable_mentions=mentions, now=now, **texts
        )
    # Without demo users there is no chair: the decision is on record all the same.
    decision = Decision(round=round_, winner=winner, decided_at=now, **texts)
    decision.full_clean(exclude=["decided_by"])
    decision.save()
    decision.honourable_mentions.set(mentions)
    return decision


@transaction.atomic
def create_finished_round(year, users):
    schedule = finished_schedule(year)
    round_ = services.create_round(year=year, **schedule)
    practices = {
        page.external_id: page
        for page in original_practices().filter(
            external_id__in=[row[3] for row in FINISHED_NOMINATIONS if row[3]]
        )
    }
    nominated = _moment(schedule["nominations_open"] + datetime.timedelta(days=20))
    nominations = {
        row[0]: _nominate(round_, row[1:], nominated, practices) for row in FINISHED_NOMINATIONS
    }
    for key, nomination in nominations.items():
        if key == "ineligible":
            screening.screen_nomination(
                nomination, ScreeningStatus.INELIGIBLE, SCREENING_REASON_INELIGIBLE
            )
        elif key != "duplicate":
            screening.screen_nomination(nomination, ScreeningStatus.ELIGIBLE)
    screening.merge_nominations(
        nominations["duplicate"], nominations["winner"], now=_moment(schedule["screening_end"])
    )
    members = _add_jury(round_, users)
    _score(members, nominations, _moment(schedule["scoring_open"] + datetime.timedelta(days=7)))
    decided = _moment(schedule["scoring_close"] + datetime.timedelta(days=3))
    _decide(round_, members, nominations["winner"], [nominations["mention"]], decided)
    carry_out_announcement(round_, now=_moment(schedule["announcement_date"]))
    return round_


@transaction.atomic
def create_open_round(today, users):
    round_ = services.create_round(year=today.year, **open_schedule(today))
    practices = {
        page.external_id: page
        for page in original_practices().filter(
            external_id__in=[row[2] for row in OPEN_NOMINATIONS if row[2]]
        )
    }
    for row in OPEN_NOMINATIONS:
        _nominate(round_, row, timezone.now(), practices)
    _add_jury(round_, users)
    return round_


def load_prize_rounds(today=None):
    """Last year's finished round and this year's open one, unless they exist."""
    today = today or timezone.localdate()
    users = ensure_jury_users()
    report = PrizeReport(jury_users=len(users))
    plans = (
        (today.year - 1, lambda: create_finished_round(today.year - 1, users)),
        (today.year, lambda: create_open_round(today, users)),
    )
    for year, create in plans:
        if Round.objects.filter(year=year).exists():
            report.unchanged += 1
        else:
            create()
            report.created += 1
    return report


@transaction.atomic
def create_scoring_round(today, users):
    """The jury practice round: screened nominations, the demo jury assigned to each; the
    other jurors and the client panel have scored already, the chair and `demo-juror` not."""
    schedule = scoring_schedule(today)
    year = max([today.year, *Round.objects.values_list("year", flat=True)]) + 1
    round_ = services.create_round(year=year, **SCORING_ROUND_NAMES, **schedule)
    nominated = _moment(schedule["nominations_open"] + datetime.timedelta(days=5))
    nominations = [_nominate(round_, row, nominated, {}) for row in SCORING_NOMINATIONS]
    for nomination in nominations:
        screening.screen_nomination(nomination, ScreeningStatus.ELIGIBLE)
    members = _add_jury(round_, users)
    scored = _moment(schedule["scoring_open"] + datetime.timedelta(days=1))
    for username, member in members.items():
        if username in ("demo-chair", "demo-juror"):
            continue
        for nomination in nominations:
            if services.is_conflicted(member, nomination):
                continue
            values = dict.fromkeys(member.round.criteria.all(), (4, ""))
            services.save_scores(member, nomination, values, submit=True, now=scored)
    return round_


def load_scoring_round(today=None):
    """The jury practice round, unless it exists."""
    today = today or timezone.localdate()
    users = ensure_jury_users()
    report = PrizeReport(jury_users=len(users))
    if Round.objects.filter(name_en=SCORING_ROUND_NAMES["name_en"]).exists():
        report.unchanged += 1
    else:
        create_scoring_round(today, users)
        report.created += 1
    return report
