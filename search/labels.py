"""Human-readable labels for facet values, in the reader's language.

The taxonomy and the organisations change rarely, so their names are kept in memory for
a minute instead of being queried on every search request.
"""

import time

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext as _

from goodpractice.i18n import localized_value
from goodpractice.organisations.models import Organisation
from goodpractice.practices.models import EvidenceLevel, Status, TargetGroup, Theme

TTL = 60
_cache = {"at": 0.0, "names": None}


def _load():
    names = {}
    for facet, model in (
        ("theme", Theme),
        ("target_group", TargetGroup),
        ("evidence_level", EvidenceLevel),
    ):
        names[facet] = {
            obj.slug: {lang: localized_value(obj, "name", lang) for lang in ("fi", "sv", "en")}
            for obj in model.objects.all()
        }
    organisations = Organisation.objects.filter(code__isnull=False).only(
        "code", "name_fi", "name_sv", "name_en"
    )
    by_code = {
        org.code: {lang: localized_value(org, "name", lang) for lang in ("fi", "sv", "en")}
        for org in organisations
    }
    names["county"] = by_code
    names["municipality"] = by_code
    return names


def _names():
    now = time.monotonic()
    if _cache["names"] is None or now - _cache["at"] > TTL:
        _cache["names"], _cache["at"] = _load(), now
    return _cache["names"]


def clear():
    _cache["names"] = None


def facet_label(name, value, language=None):
    language = language or (translation.get_language() or "fi").split("-")[0]
    if name in ("theme", "target_group", "evidence_level", "county", "municipality"):
        entry = _names()[name].get(value)
        if entry is None and time.monotonic() - _cache["at"] > 5:
            # Perhaps a term added since the cache was filled (at most one reload in 5 s).
            clear()
            entry = _names()[name].get(value)
        return entry.get(language) or value if entry else value
    if name == "status":
        try:
            return str(Status(value).label)
        except ValueError:
            return value
    if name == "language":
        return str(settings.LANGUAGE_LABELS.get(value, value))
    if name == "prize_winning":
        return _("Prize winner") if value == "true" else _("Not a prize winner")
    return value


def labeller(language=None):
    return lambda name, value: facet_label(name, value, language)
