"""The prize's rules: one path for the admin, the public form, the jury views and demo data.

Phase checks live here and in Round's methods, so every entry point enforces them.
"""

import difflib
import re
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from . import ranking
from .assignment import assignments_by_nomination, is_assigned
from .attachments import store_attachments, validate_files
from .models import (
    Conflict,
    Criterion,
    Decision,
    JuryMember,
    Nomination,
    PhaseError,
    Role,
    Round,
    Score,
)

# The prize's published criteria: (name fi, sv, en), (description fi, sv, en).
DEFAULT_CRITERIA = [
    (
        ("Lapsen etu", "Barnets bästa", "The child's best interest"),
        (
            "Teko lähtee lapsen edusta ja parantaa lasten hyvinvointia ja turvallisuutta.",
            "Insatsen utgår från barnets bästa och förbättrar barns välbefinnande och trygghet.",
            "The achievement starts from the child's best interest and improves children's "
            "wellbeing and safety.",
        ),
    ),
    (
        (
            "Vaikutus kunnan lapsia koskevaan päätöksentekoon",
            "Inverkan på kommunens beslutsfattande om barn",
            "Effect on the municipality's decision-making about children",
        ),
        (
            "Teko on vaikuttanut siihen, miten kunnassa tai hyvinvointialueella päätetään "
            "lapsia koskevista asioista.",
            "Insatsen har påverkat hur kommunen eller välfärdsområdet fattar beslut som gäller "
            "barn.",
            "The achievement has changed how the municipality or county decides on matters "
            "concerning children.",
        ),
    ),
    (
        (
            "Lapsen, perheen ja asiakkaan näkökulma",
            "Barnets, familjens och klientens perspektiv",
            "The child's, family's and client's perspective",
        ),
        (
            "Lapset, perheet ja asiakkaat ovat osallistuneet ja heidän kokemuksensa näkyy teossa.",
            "Barn, familjer och klienter har varit delaktiga och deras erfarenheter syns i "
            "insatsen.",
            "Children, families and clients took part, and their experience shows in the "
            "achievement.",
        ),
    ),
    (
        ("Ennaltaehkäisevä työ", "Förebyggande arbete", "Preventive work"),
        (
            "Teko auttaa ajoissa ja vähentää raskaampien palvelujen tarvetta.",
            "Insatsen hjälper i tid och minskar behovet av tyngre tjänster.",
            "The achievement helps early and reduces the need for heavier services.",
        ),
    ),
    (
        (
            "Muutos pienillä teoilla",
            "Förändring genom små handlingar",
            "Change achieved through small acts",
        ),
        (
            "Merkittävä muutos on saatu aikaan arjen pienillä, toteuttamiskelpoisilla teoilla.",
            "En betydande förändring har åstadkommits med små, genomförbara handlingar i vardagen.",
            "A real change was achieved through small, feasible everyday acts.",
        ),
    ),
    (
        (
            "Siirrettävyys muihin organisaatioihin",
            "Överförbarhet till andra organisationer",
            "Transferability to other organisations",
        ),
        (
            "Muut kunnat ja hyvinvointialueet voivat ottaa toimintatavan käyttöön.",
            "Andra kommuner och välfärdsområden kan ta i bruk verksamhetssättet.",
            "Other municipalities and counties can adopt the way of working.",
        ),
    ),
]

# Titles at least this similar (difflib ratio) for the same nominee are likely duplicates.
DUPLICATE_TITLE_SIMILARITY = 0.75


def default_round_names(year):
    return {
        "name_fi": f"Kunnallinen lastensuojeluteko {year}",
        "name_sv": f"Kommunal barnskyddsinsats {year}",
        "name_en": f"Municipal child protection achievement {year}",
    }


def add_default_criteria(round_):
    """Give a round without criteria the prize's published ones. Returns those created."""
    if round_.criteria.exists():
        return []
    created = []
    for order, (names, descriptions) in enumerate(DEFAULT_CRITERIA):
        fields = dict(zip(("name_fi", "name_sv", "name_en"), names, strict=True))
        fields.update(
            zip(("description_fi", "description_sv", "description_en"), descriptions, strict=True)
        )
        created.append(
            Criterion.objects.create(round=round_, sort_order=order, weight=Decimal(1), **fields)
        )
    return created


@transaction.atomic
def create_round(*, year, with_default_criteria=True, **fields):
    """Create and validate a round; dates are required fields of Round."""
    values = {**default_round_names(year), **fields}
    round_ = Round(year=year, **values)
    round_.full_clean()
    round_.save()
    if with_default_criteria:
        add_default_criteria(round_)
    return round_


# Nominations


@transaction.atomic
def submit_nomination(round_, *, now=None, attachments=(), on_saved=None, **fields):
    """Store a nomination while the round accepts them; it gets its reference number.

    attachments are uploaded files, checked before anything is saved; the nomination is
    assigned to the whole jury (goodpractice/awards/assignment.py). on_saved(nomination)
    runs in the same transaction before the files are written (e.g. to queue the
    confirmation e-mail).
    """
    round_.ensure_accepts_nominations(now)
    attachments = list(attachments)
    validate_files(attachments)
    nomination = Nomination(round=round_, **fields)
    nomination.full_clean(exclude=["sequence", "reference"])
    nomination.save()
    if on_saved is not None:
        on_saved(nomination)
    # Last, so nothing after it can roll back the nomination and leave files behind.
    store_attachments(nomination, attachments)
    return nomination


def _comparable_title(title):
    return re.sub(r"\W+", " ", title.casefold()).strip()


def similar_titles(first, second):
    a, b = _comparable_title(first), _comparable_title(second)
    if not a or not b:
        return False
    return a == b or difflib.SequenceMatcher(None, a, b).ratio() >= DUPLICATE_TITLE_SIMILARITY


def likely_duplicates(nomination):
    """Other nominations in the round for the same nominee with a similar title."""
    others = (
        Nomination.objects.filter(round_id=nomination.round_id, nominee_id=nomination.nominee_id)
        .exclude(pk=nomination.pk)
        .order_by("sequence")
    )
    return [other for other in others if similar_titles(nomination.title, other.title)]


# Conflicts of interest


def _automatically_conflicted(member, nomination):
    nominee = nomination.nominee
    return ranking.is_automatic_conflict(member.organisation_id, nominee.pk, nominee.region_id)


@transaction.atomic
def sync_automatic_conflicts(round_):
    """Record the conflicts that follow from members' organisations; drop stale ones.

    Run after nominations arrive or jury members change. Returns the number created.
    """
    members = list(round_.jury_members.select_related("organisation"))
    nominations = list(round_.nominations.select_related("nominee"))
    wanted = {(m.pk, n.pk) for m in members for n in nominations if _automatically_conflicted(m, n)}
    existing = Conflict.objects.filter(jury_member__round=round_)
    stale = [
        c.pk
        for c in existing.filter(automatic=True)
        if (c.jury_member_id, c.nomination_id) not in wanted
    ]
    Conflict.objects.filter(pk__in=stale).delete()
    have = set(existing.values_list("jury_member_id", "nomination_id"))
    new = [Conflict(jury_member_id=m, nomination_id=n, automatic=True) for m, n in wanted - have]
    Conflict.objects.bulk_create(new)
    return len(new)


def is_conflicted(member, nomination):
    # The rule is checked live too, so a missed sync can never let a conflicted juror in.
    return Conflict.objects.filter(
        jury_member=member, nomination=nomination
    ).exists() or _automatically_conflicted(member, nomination)


def conflicted_pairs(round_, members=None, nominations=None):
    """(member id, nomination id) pairs that are conflicted, recorded or by the rule."""
    members = list(round_.jury_members.all() if members is None else members)
    nominations = list(
        round_.nominations.select_related("nominee") if nominations is None else nominations
    )
    pairs = set(
        Conflict.objects.filter(jury_member__round=round_).values_list(
            "jury_member_id", "nomination_id"
        )
    )
    # Apply the organisation rule even if no sync has recorded it yet.
    pairs |= {(m.pk, n.pk) for m in members for n in nominations if _automatically_conflicted(m, n)}
    return pairs


def declare_conflict(member, nomination, reason, *, user=None, now=None):
    """Record a member's own conflict; refused once scoring has closed and the scores stand."""
    if nomination.round_id != member.round_id:
        raise ValidationError(_("The nomination is not in this member's round."))
    if member.round.scoring_has_closed(now):
        raise PhaseError(
            _("Scoring has closed; conflicts of interest can no longer be declared."),
            code="scoring_closed",
        )
    conflict, _created = Conflict.objects.update_or_create(
        jury_member=member,
        nomination=nomination,
        defaults={"reason": reason, "automatic": False},
    )
    conflict.full_clean()
    log(conflict, "awards.conflict_declared", user=user, data={"reason": reason})
    return conflict


# Scores


def _check_can_score(member, nomination, now):
    if nomination.round_id != member.round_id:
        raise PermissionDenied(_("The nomination is not in your round."))
    member.round.ensure_scoring_open(now)
    if not nomination.is_eligible:
        raise ValidationError(_("Only nominations screened eligible are scored."))
    if not is_assigned(member, nomination):
        raise PermissionDenied(_("This nomination is not assigned to you."))
    if is_conflicted(member, nomination):
        raise PermissionDenied(_("You have a conflict of interest with this nomination."))


@transaction.atomic
def save_scores(member, nomination, values, *, submit=False, user=None, now=None):
    """Save a member's scores for a nomination; submit when every criterion is scored.

    values maps a criterion (or its id) to (value, comment). Scores stay a draft until
    submitted; every change is written to the audit log.
    """
    now = now or timezone.now()
    _check_can_score(member, nomination, now)
    if has_submitted(member, nomination):
        # Submitted scores are final: a member who has seen the others' cannot adjust.
        raise ValidationError(
            _("Your scores for this nomination are submitted and can no longer be changed."),
            code="submitted",
        )
    criteria = {c.pk: c for c in member.round.criteria.all()}
    errors = []
    for key, (value, comment) in values.items():
        criterion = criteria.get(getattr(key, "pk", key))
        if criterion is None:
            raise ValidationError(_("Unknown criterion."))
        score = Score.objects.filter(
            jury_member=member, nomination=nomination, criterion=criterion
        ).first() or Score(jury_member=member, nomination=nomination, criterion=criterion)
        before = (score.value, score.comment) if score.pk else None
        score.value, score.comment = value, comment or ""
        try:
            score.full_clean(exclude=["jury_member", "nomination", "criterion"])
        except ValidationError as error:
            errors.append(error)
            continue
        if before != (score.value, score.comment):
            score.save()
            log(
                score,
                "awards.score_changed",
                user=user or member.user,
                data={
                    "nomination": nomination.reference,
                    "criterion": criterion.pk,
                    "before": list(before) if before else None,
                    "after": [score.value, score.comment],
                },
            )
    if errors:
        raise ValidationError(errors)
    if submit:
        submit_scores(member, nomination, user=user, now=now)


@transaction.atomic
def submit_scores(member, nomination, *, user=None, now=None):
    now = now or timezone.now()
    _check_can_score(member, nomination, now)
    scores = Score.objects.filter(jury_member=member, nomination=nomination)
    if scores.count() < member.round.criteria.count():
        raise ValidationError(_("Score every criterion before submitting."))
    scores.filter(submitted_at__isnull=True).update(submitted_at=now)
    log(nomination, "awards.scores_submitted", user=user or member.user)


def has_submitted(member, nomination):
    scores = Score.objects.filter(jury_member=member, nomination=nomination).submitted()
    return scores.count() >= member.round.criteria.count()


def visible_scores(member, nomination):
    """The scores a member may see: their own, and others' only after submitting their own."""
    if is_conflicted(member, nomination):
        return Score.objects.none()
    scores = Score.objects.filter(nomination=nomination).select_related("criterion")
    if has_submitted(member, nomination):
        return scores.filter(jury_member=member) | scores.submitted()
    return scores.filter(jury_member=member)


# Ranking


def ranking_for_round(round_, **options):
    """The ranking of the round's eligible nominations from submitted scores."""
    criteria = [
        ranking.CriterionSpec(c.pk, float(c.weight), c.scale_min, c.scale_max)
        for c in round_.criteria.all()
    ]
    members = [
        ranking.MemberSpec(m.pk, panel=m.role == Role.PANEL, organisation=m.organisation_id)
        for m in round_.jury_members.all()
    ]
    nominations = list(round_.nominations.eligible().select_related("nominee"))
    conflicts = conflicted_pairs(round_, nominations=nominations)
    scores = [
        ranking.ScoreEntry(s.jury_member_id, s.nomination_id, s.criterion_id, s.value)
        for s in Score.objects.filter(nomination__round=round_).submitted()
    ]
    return ranking.rank(
        criteria=criteria,
        members=members,
        nominations=[n.pk for n in nominations],
        scores=scores,
        conflicts=conflicts,
        assignments=assignments_by_nomination(round_),
        panel_weight=float(round_.panel_weight),
        **options,
    )


# Decision and announcement


def chair_of(round_, user):
    member = JuryMember.objects.filter(round=round_, user=user, role=Role.CHAIR).first()
    if member is None:
        raise PermissionDenied(_("Only the chair of the jury can record the decision."))
    return member


@transaction.atomic
def record_decision(
    round_, *, user, winner, rationale_fi, rationale_sv, honourable_mentions=(), now=None
):
    now = now or timezone.now()
    chair_of(round_, user)
    round_.ensure_decision_allowed(now)
    mentions = list(honourable_mentions)
    if any(m.pk == winner.pk for m in mentions):
        raise ValidationError(_("The winner cannot also get an honourable mention."))
    if any(m.round_id != round_.pk or not m.is_eligible for m in mentions):
        raise ValidationError(_("Honourable mentions must be eligible nominations of this round."))
    decision = Decision.objects.filter(round=round_).first() or Decision(round=round_)
    decision.winner = winner
    decision.rationale_fi = rationale_fi
    decision.rationale_sv = rationale_sv
    decision.decided_by = user
    decision.decided_at = now
    decision.full_clean()
    decision.save()
    decision.honourable_mentions.set(mentions)
    log(decision, "awards.decision_recorded", user=user, data={"winner": winner.reference})
    return decision


@transaction.atomic
def publish_announcement(round_, *, user=None):
    """Publish the winner before the announcement date; the winner joins the knowledge base."""
    from .announcement import carry_out_announcement

    if not Decision.objects.filter(round=round_).exists():
        raise ValidationError(_("Record the decision before publishing the announcement."))
    round_.announcement_published = True
    round_.save(update_fields=["announcement_published"])
    log(round_, "awards.announcement_published", user=user)
    carry_out_announcement(round_, user=user)
    return round_
