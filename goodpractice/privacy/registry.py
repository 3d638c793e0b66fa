"""The one list of personal data in the site.

Every model field that holds personal data is registered here by the app that owns the
model, in that app's `personal_data.py`: what it is for, who may see it, how long it is
kept and how it is erased. The privacy tools (find, export, erase a person's data) and
`purge_personal_data` work from this list alone, and a test fails when a model gains a
field that looks like personal data (a name, e-mail, phone or address) without being
registered here or declared not personal.

A new model adds itself in one call, e.g.::

    registry.register(PersonalData(
        "adoptions.Adoption", fields=("contact_name", "contact_email"),
        email_lookup="contact_email", name_lookups=("contact_name",),
        purpose=..., visible_to=..., retention=..., erasure=Erasure.BLANK,
    ))
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _

LEGITIMATE_INTEREST = _("Legitimate interest (GDPR Article 6(1)(f))")
CONSENT = _("Consent (GDPR Article 6(1)(a))")
LEGAL_OBLIGATION = _("Legal obligation (GDPR Article 6(1)(c))")
NO_RECIPIENTS = _(
    "No one outside the site's administrators; e-mail passes through the site's mail service."
)


class Erasure(models.TextChoices):
    BLANK = "blank", _("The fields are emptied; the record stays.")
    ANONYMISE = "anonymise", _("The record stays but no longer identifies the person.")
    DELETE = "delete", _("The record is deleted.")
    KEEP = "keep", _("Kept: part of a record the site must keep; exported, not erased.")


@dataclass(frozen=True)
class PersonalData:
    """Personal data held by some fields of one model."""

    model_label: str  # "app_label.ModelName"
    fields: tuple[str, ...]
    purpose: str
    visible_to: str
    retention: str
    erasure: Erasure
    # For the privacy notice (generated from this list): the GDPR Article 6 basis of the
    # processing, and who outside the site's own staff receives the data. Required: a test
    # fails on an entry without them.
    legal_basis: str = ""
    recipients: str = ""
    # Lookups that find one person's rows: an e-mail address (matched case-insensitively)
    # and name fields (matched as a whole, case-insensitively).
    email_lookup: str = ""
    name_lookups: tuple[str, ...] = ()
    # The path to a user account (e.g. "jury_member__user"): rows of the users found by
    # e-mail address or whole name are the person's too.
    user_lookup: str = ""
    # Optional: narrows the rows searched (e.g. only original pages, not their aliases).
    queryset: Callable | None = None
    # Optional: erases one object when a plain blank or delete is not enough; called as
    # erase(obj, user).
    erase: Callable | None = None
    # Optional retention rule run by `purge_personal_data`: purge(now=, dry_run=) returns
    # how many records it cleaned (or would clean).
    purge: Callable | None = None
    # The record's title in the privacy tools (the audit log keeps only model and id).
    describe: Callable = field(default=str)

    @property
    def model(self):
        return apps.get_model(self.model_label)

    @property
    def erasure_label(self):
        return self.erasure.label

    def verbose_name(self):
        return self.model._meta.verbose_name

    def field_label(self, name):
        return self.model._meta.get_field(name).verbose_name

    def field_labels(self):
        return [str(self.field_label(name)) for name in self.fields]

    def get_queryset(self):
        base = self.model._default_manager.all()
        return self.queryset(base) if self.queryset else base


@dataclass(frozen=True)
class NotPersonal:
    """A field whose name looks like personal data but is not: says why."""

    model_label: str
    fields: tuple[str, ...]
    reason: str


_entries: dict[str, PersonalData] = {}
_not_personal: list[NotPersonal] = []

# Field names that look like personal data (tokens of the name, so "hostname" and
# "codename" do not match but "contact_email" and "first_name" do).
LOOKS_PERSONAL = re.compile(
    r"(^|_)(e?mail|email|phone|mobile|name|username|address|contact|contacts|person|ssn|hetu)(_|$)"
)


def register(entry):
    if entry.model_label in _entries:
        raise ValueError(f"{entry.model_label} is registered twice")
    _entries[entry.model_label] = entry
    return entry


def declare_not_personal(model_label, fields, reason):
    _not_personal.append(NotPersonal(model_label, tuple(fields), reason))


def entries():
    return list(_entries.values())


def get(model_label):
    return _entries[model_label]


def registered_fields():
    return {(entry.model_label, name) for entry in _entries.values() for name in entry.fields}


def unregistered_fields():
    """(model label, field) of every concrete field that looks like personal data but is
    neither registered nor declared not personal."""
    known = registered_fields() | {
        (item.model_label, name) for item in _not_personal for name in item.fields
    }
    found = []
    for model in apps.get_models():
        for model_field in model._meta.concrete_fields:
            key = (model._meta.label, model_field.name)
            if LOOKS_PERSONAL.search(model_field.name.lower()) and key not in known:
                found.append(key)
    return found
