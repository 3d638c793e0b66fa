"""Input guards shared by every form, the admin and the importer.

Client data must never enter this site, so free text that contains a valid Finnish
personal identity code (henkilötunnus) is refused.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

_CHECK_CHARS = "0123456789ABCDEFHJKLMNPRSTUVWXY"
_CENTURIES = {"+": 1800, "-": 1900, "Y": 1900, "X": 1900, "W": 1900, "V": 1900, "U": 1900}
_CENTURIES.update(dict.fromkeys("ABCDEF", 2000))
_PATTERN = re.compile(
    r"(?<![0-9A-Za-z])(\d{2})(\d{2})(\d{2})([-+ABCDEFUVWXY])(\d{3})([0-9A-Y])(?![0-9A-Za-z])",
    re.IGNORECASE,
)


def _is_valid(day, month, year, sign, serial, check):
    try:
        datetime.date(_CENTURIES[sign.upper()] + int(year), int(month), int(day))
    except (KeyError, ValueError):
        return False
    if int(serial) < 2:
        return False
    return _CHECK_CHARS[int(f"{day}{month}{year}{serial}") % 31] == check.upper()


def contains_personal_identity_code(text):
    """True when text holds a checksum-valid Finnish personal identity code."""
    if not text:
        return False
    plain = strip_tags(str(text))
    return any(_is_valid(*match.groups()) for match in _PATTERN.finditer(plain))


PERSONAL_IDENTITY_CODE_MESSAGE = _(
    "This text contains a Finnish personal identity code. Remove it: client data must "
    "never be entered on this site."
)


def validate_no_personal_identity_code(value):
    if contains_personal_identity_code(value):
        raise ValidationError(PERSONAL_IDENTITY_CODE_MESSAGE, code="personal_identity_code")


# The validators of every model field of free text.
NO_HETU = [validate_no_personal_identity_code]


_CONTROL_CHARACTERS = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")

SINGLE_LINE_MESSAGE = _("Write this on one line, without line breaks or control characters.")


def validate_single_line(value):
    """Names and other one-line values end up in e-mail headers and listings: a line
    break there could add headers, so it is refused."""
    if value and _CONTROL_CHARACTERS.search(str(value)):
        raise ValidationError(SINGLE_LINE_MESSAGE, code="single_line")


def single_line_errors(instance):
    """Errors for every one-line text field (CharField) of a model instance holding a
    line break or another control character, by field name."""
    from django.db import models

    errors = {}
    for field in instance._meta.concrete_fields:
        if type(field) in (models.CharField, models.SlugField, models.EmailField):
            try:
                validate_single_line(getattr(instance, field.attname))
            except ValidationError as error:
                errors[field.name] = error.error_list
    return errors


_PHONE = re.compile(r"^\+?[0-9 ()\-]{3,40}$")

PHONE_MESSAGE = _("Enter a phone number: digits, spaces, + ( ) and - only.")


def validate_phone_number(value):
    if value and not _PHONE.match(str(value)):
        raise ValidationError(PHONE_MESSAGE, code="phone")
