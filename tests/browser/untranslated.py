"""The English strings the admin would show untranslated in a language.

The candidates are every msgid of the English catalogues of Django, Wagtail,
wagtail-localize and the project (server-side and JavaScript domains); a string is
untranslated when the merged catalogue the admin uses for the language (LOCALE_PATHS
first, then the apps, then Django) has no translation for it.
"""

import re
from functools import cache
from pathlib import Path

import django
import wagtail
from django.apps import apps
from django.conf import settings
from django.utils.translation import trans_real

PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}|\{\{[^}]*\}\}")
# A fragment shorter than this (after placeholders are cut out) says nothing about the
# language: abbreviations, "OK", "ID".
MIN_LENGTH = 4


ESCAPES = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}


def _unquote(line):
    quoted = line[line.index('"') + 1 : line.rindex('"')]
    return re.sub(r"\\(.)", lambda match: ESCAPES.get(match.group(1), match.group(1)), quoted)


def po_msgids(path):
    """(msgctxt, msgid, msgid_plural) of each entry of a .po file."""
    entries, current, key = [], {}, None
    text = path.read_bytes().decode("utf-8")
    for line in text.splitlines() + [""]:
        if line.startswith(("msgctxt", "msgid ", "msgid_plural", "msgstr")):
            key = line.split(" ", 1)[0].split("[")[0]
            if key == "msgctxt":
                current = {}
            current[key] = current.get(key, "") + _unquote(line)
        elif line.startswith('"') and key:
            current[key] = current.get(key, "") + _unquote(line)
        elif not line.strip():
            if current.get("msgid"):
                entries.append(
                    (current.get("msgctxt"), current["msgid"], current.get("msgid_plural"))
                )
            current, key = {}, None
    return entries


def english_catalogues():
    """Django's own, every installed app's (Wagtail's, wagtail-localize's, ...) and the
    project's: the catalogues whose strings the admin can show."""
    folders = [Path(django.__file__).parent / "conf" / "locale"]
    folders += [Path(app.path) / "locale" for app in apps.get_app_configs()]
    folders += [Path(path) for path in settings.LOCALE_PATHS]
    paths = []
    for folder in folders:
        paths += folder.glob("en/LC_MESSAGES/*.po")
    return paths


def _merged_catalogue(language, domain):
    if domain == "django":
        translation = trans_real.translation(language)
    else:
        localedirs = [str(Path(wagtail.__file__).parent / "admin" / "locale")]
        translation = trans_real.DjangoTranslation(language, domain=domain, localedirs=localedirs)
    return translation._catalog


@cache
def untranslated(language):
    """{English string: catalogue file} shown untranslated in the language's admin."""
    catalogues = {domain: _merged_catalogue(language, domain) for domain in ("django", "djangojs")}
    missing = {}
    for path in english_catalogues():
        catalogue = catalogues["djangojs" if path.stem == "djangojs" else "django"]
        for context, msgid, plural in po_msgids(path):
            key = f"{context}\x04{msgid}" if context else msgid
            translated = (key, 0) in catalogue if plural else key in catalogue
            if not translated:
                missing[msgid] = path
                if plural:
                    missing[plural] = path
    return missing


def fragments(msgid):
    """The literal parts of a msgid, between its placeholders, long enough to tell."""
    parts = [part.strip(" .,:;()…") for part in PLACEHOLDER.split(msgid)]
    parts = [part for part in parts if len(part) >= MIN_LENGTH and "<" not in part]
    if len(parts) > 1 or parts != [msgid.strip(" .,:;()…")]:
        # A single word cut out of a longer sentence may be a word of the language too
        # ("information" in Swedish): only longer pieces of a sentence count.
        parts = [part for part in parts if len(part.split()) > 1]
    return parts


def english_in(text, language):
    """The untranslated English strings that occur in a page's visible text."""
    text = " ".join(text.split())
    found = []
    for msgid, path in untranslated(language).items():
        if "\n" in msgid:
            continue
        for part in fragments(msgid):
            # Whole words only: "Lock" is not in "Block".
            if part in text and re.search(rf"(?<!\w){re.escape(part)}(?!\w)", text):
                found.append((part, msgid, path))
                break
    return found
