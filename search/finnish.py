"""Finnish base forms and compound parts from Voikko, at indexing and query time.

Voikko (Debian libvoikko1 + voikko-fi, Python binding `libvoikko`) knows Finnish
morphology: "lasten" is a form of "lapsi", "koulunkäynnin" of "koulunkäynti", made of
"koulu" and "käynti". The index gets, for every word of a Finnish text, its base forms and
compound parts in the same order (fields base_title, base_text), and a query word matches
its base form there or its parts next to each other. Without Voikko the site works on the
engine's Snowball stemmer alone, and says so once in the log.
"""

import logging
import re
import threading
from functools import lru_cache

logger = logging.getLogger(__name__)

WORD = re.compile(r"\w+(?:-\w+)*", re.UNICODE)
# Compound parts shorter than this ("yö", "ja") match too much on their own.
MIN_PART = 3

_lock = threading.Lock()
_state = {"voikko": None, "checked": False, "problem": None}


def _load():
    try:
        import libvoikko

        return libvoikko.Voikko("fi"), None
    except (ImportError, OSError, AttributeError) as exc:
        return None, str(exc)
    except Exception as exc:  # libvoikko raises a bare Exception without the dictionary
        return None, str(exc)


def _voikko():
    if not _state["checked"]:
        with _lock:
            if not _state["checked"]:
                _state["voikko"], _state["problem"] = _load()
                _state["checked"] = True
                if _state["voikko"] is None:
                    logger.warning(
                        "Voikko is not available (%s): Finnish search uses Snowball stemming "
                        "only, without base forms and compound parts. Install libvoikko1 and "
                        "voikko-fi (bin/ensure-voikko).",
                        _state["problem"],
                    )
    return _state["voikko"]


def available():
    return _voikko() is not None


def status():
    """For `search_engine status` and the health of the deployment."""
    if available():
        return {"voikko": True, "finnish": "Voikko base forms and compound parts"}
    return {"voikko": False, "finnish": f"Snowball only (Voikko: {_state['problem']})"}


def _segments(wordbases):
    # Split at "+" outside parentheses: "(+u)" marks a suffix, not a new segment.
    segments, depth, current = [], 0, ""
    for char in wordbases:
        depth += {"(": 1, ")": -1}.get(char, 0)
        if char == "+" and depth == 0:
            if current:
                segments.append(current)
            current = ""
        else:
            current += char
    return segments + ([current] if current else [])


def _parts(wordbases):
    """Compound parts of Voikko's WORDBASES, e.g. "+lasten(lapsi)+suojel(suojella)+u(+u)".

    Returns the surface of each part (suffix segments joined to the part they follow):
    ["lasten", "suojelu"]; one part means the word is not a compound.
    """
    groups = []
    for segment in _segments(wordbases):
        surface = re.sub(r"\([^)]*\)", "", segment)
        bases = re.findall(r"\(([^)]*)\)", segment)
        suffix = (bases and bases[0].startswith("+")) or (not bases and len(surface) < MIN_PART)
        if groups and suffix:
            groups[-1] += surface
        elif surface:
            groups.append(surface)
    return groups


def _analyses(word):
    voikko = _voikko()
    if voikko is None:
        return []
    with _lock:  # a Voikko handle is not safe to share between threads
        return voikko.analyze(word)


@lru_cache(maxsize=100_000)
def forms(word):
    """(base forms, compounds) of one word: compounds are tuples of the parts' base forms.

    ("lapsi",), () for "lasten"; ("lastensuojeluilmoitus",), (("lapsi", "suojelu",
    "ilmoitus"),) for "lastensuojeluilmoitusten". Empty for words Voikko does not know.
    """
    word = word.lower()
    bases, compounds = [], []
    for analysis in _analyses(word):
        base = (analysis.get("BASEFORM") or "").lower()
        if base and base not in bases:
            bases.append(base)
        parts = _parts(analysis.get("WORDBASES") or "")
        if len(parts) > 1:
            compound = tuple(_part_base(part) for part in parts)
            if compound not in compounds:
                compounds.append(compound)
    return tuple(bases), tuple(compounds)


@lru_cache(maxsize=20_000)
def _part_base(surface):
    # "lasten" -> "lapsi"; a part Voikko can't analyse alone ("sijais") stays as it is.
    for analysis in _analyses(surface.lower()):
        if analysis.get("BASEFORM"):
            return analysis["BASEFORM"].lower()
    return surface.lower()


@lru_cache(maxsize=100_000)
def _word_tokens(word):
    bases, compounds = forms(word)
    if not bases:
        return word.lower()
    tokens = list(bases)
    for compound in compounds:
        tokens += [part for part in compound if part not in tokens]
    return " ".join(tokens)


def base_text(text):
    """The text as base forms and compound parts, word by word in order (for indexing)."""
    if not text or not available():
        return ""
    return _base_text(text)


# A practice has a page in each language site with the same text: analyse it once.
@lru_cache(maxsize=4096)
def _base_text(text):
    return " ".join(_word_tokens(word) for word in WORD.findall(text))


def words(text):
    return WORD.findall(text or "")
