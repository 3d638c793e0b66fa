"""Public pages of the prize: the rounds and winners, the nomination form and open data."""

import logging

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from goodpractice.i18n import current_language
from goodpractice.operations import ratelimit
from goodpractice.practices.api.responses import json_response, open_data
from goodpractice.site_url import absolute_url

from . import services
from .models import Nomination, Phase, Round
from .public_forms import NominationForm
from .winners import practice_in_language

logger = logging.getLogger(__name__)

# Nominations accepted per client address per hour: ample for a person, a wall for bots.
NOMINATION_RATE_LIMIT = getattr(settings, "AWARDS_NOMINATION_RATE_LIMIT", 5)
RATE_WINDOW_SECONDS = 3600
# The thanks page shows the new nomination's reference number, passed in a signed link
# rather than the session, whose save would be a database write after the commit.
THANKS_SALT = "awards.nomination-thanks"
THANKS_MAX_AGE_SECONDS = 3600


def open_round(now=None):
    today = timezone.localdate(now)
    candidates = Round.objects.filter(nominations_open__lte=today, nominations_close__gte=today)
    return next((r for r in candidates if r.accepts_nominations(now)), None)


def next_round(now=None):
    return (
        Round.objects.filter(nominations_open__gt=timezone.localdate(now))
        .order_by("nominations_open")
        .first()
    )


def round_in_progress(now=None):
    """The newest round past its nominations but not yet announced."""
    today = timezone.localdate(now)
    candidates = Round.objects.filter(
        nominations_close__lt=today, announcement_date__gte=today
    ).order_by("-year")
    return next((r for r in candidates if not r.is_announced(today)), None)


def _announced(rounds, today):
    return [r for r in rounds if r.is_announced(today)]


def prize_index(request):
    """The prize: the current call for nominations and the archive of announced rounds."""
    today = timezone.localdate()
    rounds = Round.objects.select_related("decision__winner__nominee").order_by("-year")
    current = open_round()
    return render(
        request,
        "awards/prize_index.html",
        {
            "open_round": current,
            "round_in_progress": None if current else round_in_progress(),
            "next_round": next_round(),
            "archive": _announced(rounds, today),
            "page_title": _("Municipal child protection achievement"),
        },
    )


def round_detail(request, year):
    """A round: its call and schedule; its winner, mentions and rationale once announced."""
    today = timezone.localdate()
    round_ = get_object_or_404(
        Round.objects.select_related("decision__winner__nominee", "decision__winner__practice"),
        year=year,
    )
    context = {
        "round": round_,
        "announced": round_.is_announced(today),
        "accepts_nominations": round_.accepts_nominations(today),
        "page_title": round_.name,
    }
    if context["announced"]:
        decision = round_.decision
        mentions = decision.honourable_mentions.select_related("nominee", "practice")
        context.update(
            decision=decision,
            winner=decision.winner,
            winner_practice=practice_in_language(decision.winner.practice),
            mentions=[(m, practice_in_language(m.practice)) for m in mentions],
        )
    return render(request, "awards/round_detail.html", context)


def _rate_limited(request):
    return ratelimit.exceeded(
        request, "awards:nominations", NOMINATION_RATE_LIMIT, RATE_WINDOW_SECONDS
    )


def _send_confirmation(request, nomination):
    with translation.override(nomination.language):
        context = {
            "nomination": nomination,
            "site_name": settings.WAGTAIL_SITE_NAME,
        }
        subject = _("Nomination received: %(reference)s") % {"reference": nomination.reference}
        body = render_to_string("awards/nomination_confirmation_email.txt", context)
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [nomination.nominator_email])


def _confirm(request, nomination):
    try:
        with transaction.atomic():
            _send_confirmation(request, nomination)
    except Exception:
        # A mail server that fails (when e-mail is sent directly, not queued) must not
        # cost the nomination.
        logger.exception("No confirmation sent for nomination %s", nomination.reference)


def nominate(request):
    round_ = open_round()
    if round_ is None:
        return render(request, "awards/nominations_closed.html", {"next_round": next_round()})
    form = NominationForm(request.POST or None, request.FILES or None)
    rate_limited = False
    if request.method == "POST" and form.is_valid():
        if form.is_spam:
            # Look like success, so the bot learns nothing.
            return redirect("awards_nomination_thanks")
        if _rate_limited(request):
            rate_limited = True
        else:
            fields = dict(form.cleaned_data)
            del fields["homepage"]
            files = fields.pop("attachments")
            try:
                # The nomination and its queued confirmation are committed together, and
                # nothing is written after that: if the database fails on the way, the
                # visitor gets the "not saved, try again" page and nothing was saved.
                nomination = services.submit_nomination(
                    round_,
                    language=current_language(),
                    attachments=files,
                    on_saved=lambda saved: _confirm(request, saved),
                    **fields,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                reference = signing.dumps(nomination.reference, salt=THANKS_SALT)
                return redirect(f"{reverse('awards_nomination_thanks')}?ref={reference}")
    status = 429 if rate_limited else 200
    return render(
        request,
        "awards/nomination_form.html",
        {"form": form, "round": round_, "rate_limited": rate_limited},
        status=status,
    )


@never_cache
def nomination_thanks(request):
    try:
        reference = signing.loads(
            request.GET.get("ref", ""), salt=THANKS_SALT, max_age=THANKS_MAX_AGE_SECONDS
        )
    except signing.BadSignature:
        reference = None
    # What happens next, with the dates of the nomination's round.
    nomination = Nomination.objects.filter(reference=reference).select_related("round").first()
    round_ = nomination.round if nomination else open_round()
    return render(
        request, "awards/nomination_thanks.html", {"reference": reference, "round": round_}
    )


@open_data
def awards_api(request):
    """Open data: rounds and their winners. No personal data."""
    today = timezone.localdate()
    rounds = Round.objects.select_related(
        "decision__winner__nominee", "decision__winner__practice"
    ).prefetch_related("decision__honourable_mentions__nominee")
    items = []
    for round_ in rounds:
        phase = round_.phase(today)
        item = {
            "year": round_.year,
            "name": {"fi": round_.name_fi, "sv": round_.name_sv, "en": round_.name_en},
            "status": phase.value if isinstance(phase, Phase) else phase,
            "nominations_open": round_.nominations_open.isoformat(),
            "nominations_close": round_.nominations_close.isoformat(),
            "announcement_date": round_.announcement_date.isoformat(),
            "nomination_url": None,
            "winners": [],
        }
        if round_.accepts_nominations(today):
            item["nomination_url"] = absolute_url(reverse("awards_nominate"))
        if round_.is_announced(today):
            decision = round_.decision
            item["winners"] = [_winner(request, decision.winner, "winner")] + [
                _winner(request, mention, "honourable_mention")
                for mention in decision.honourable_mentions.all()
            ]
        items.append(item)
    return json_response({"licence": settings.OPEN_DATA_LICENCE, "rounds": items})


def _winner(request, nomination: Nomination, kind):
    practice = nomination.practice
    return {
        "kind": kind,
        "reference": nomination.reference,
        "title": nomination.title,
        "organisation": {
            "name": nomination.nominee.name_fi,
            "name_sv": nomination.nominee.name_sv,
            "code": nomination.nominee.code,
            "url": absolute_url(nomination.nominee.get_absolute_url()),
        },
        "url": absolute_url(practice.get_url()) if practice and practice.live else None,
    }
