"""Finding, exporting and erasing one person's data, across every registered model."""

import datetime
import decimal
import json
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.db.models.functions import Concat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log

from . import registry
from .models import PrivacyRequest
from .registry import Erasure

EXPORT_ACTION = "privacy.export"
ERASE_ACTION = "privacy.erase"


class ErasureRefused(Exception):
    """The erasure cannot be done; the message says why."""


class ImproperlyRegistered(Exception):
    """A registry entry cannot be carried out as written."""


def normalise_name(name):
    return " ".join((name or "").split())


def with_full_name(queryset, prefix=""):
    """Annotate full_name ("first last") so a person is found by their whole name."""
    return queryset.annotate(
        full_name=Concat(f"{prefix}first_name", models.Value(" "), f"{prefix}last_name")
    )


def matching_users(email="", name=""):
    condition = models.Q(pk__in=[])
    if email:
        condition |= models.Q(email__iexact=email)
    if name:
        condition |= models.Q(full_name__iexact=name)
    return with_full_name(get_user_model().objects.all()).filter(condition)


@dataclass
class Record:
    entry: registry.PersonalData
    obj: models.Model

    @property
    def title(self):
        return self.entry.describe(self.obj)

    def data(self):
        return {name: _plain(getattr(self.obj, name)) for name in self.entry.fields}

    def labelled_data(self):
        return [(self.entry.field_label(name), value) for name, value in self.data().items()]

    def reference(self):
        """What the audit log keeps: the kind of record and its id, never the data."""
        return {"model": self.entry.model_label, "id": self.obj.pk}


def _plain(value):
    if isinstance(value, FieldFile):
        return value.name or ""
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    return value


def find_person(email="", name=""):
    """Every registered record that holds the data of the person with this e-mail address
    or this whole name (either may be empty), grouped in registry order."""
    email = (email or "").strip()
    name = normalise_name(name)
    if not (email or name):
        return []
    users = matching_users(email, name)
    records = []
    for entry in registry.entries():
        condition = models.Q(pk__in=[])
        if email and entry.email_lookup:
            condition |= models.Q(**{f"{entry.email_lookup}__iexact": email})
        if name:
            for lookup in entry.name_lookups:
                condition |= models.Q(**{f"{lookup}__iexact": name})
        if entry.user_lookup:
            condition |= models.Q(**{f"{entry.user_lookup}__in": users.values("pk")})
        found = entry.get_queryset().filter(condition).distinct().order_by("pk")
        records.extend(Record(entry, obj) for obj in found)
    return records


def _record_request(action, records, user):
    request = PrivacyRequest.objects.create(
        action=action,
        created_by=user,
        records=[record.reference() for record in records],
    )
    log(request, f"privacy.{action}", user=user, data={"records": request.records})
    return request


def export_person(records, user, *, email="", name=""):
    """The person's data as JSON text; the export is logged without the data."""
    _record_request(PrivacyRequest.Action.EXPORT, records, user)
    document = {
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "searched_for": {"email": email, "name": normalise_name(name)},
        "records": [
            {
                "type": record.entry.model_label,
                "type_name": str(record.entry.verbose_name()),
                "id": record.obj.pk,
                "title": str(record.title),
                "purpose": str(record.entry.purpose),
                "visible_to": str(record.entry.visible_to),
                "retention": str(record.entry.retention),
                "data": record.data(),
            }
            for record in records
        ],
    }
    return json.dumps(document, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


def blank_fields(obj, names):
    """Empty the fields: "" for text, None where the field allows it."""
    for name in names:
        model_field = obj._meta.get_field(name)
        if isinstance(model_field, models.FileField):
            getattr(obj, name).delete(save=False)
            setattr(obj, name, "")
        elif model_field.null and not isinstance(model_field, models.CharField | models.TextField):
            setattr(obj, name, None)
        else:
            setattr(obj, name, "")
    obj.save(update_fields=list(names))


def _erase_record(record, user):
    entry = record.entry
    if entry.erase:
        entry.erase(record.obj, user)
    elif entry.erasure == Erasure.BLANK:
        blank_fields(record.obj, entry.fields)
    elif entry.erasure == Erasure.DELETE:
        record.obj.delete()
    elif entry.erasure == Erasure.ANONYMISE:
        raise ImproperlyRegistered(f"{entry.model_label}: anonymising needs an erase function")


def erasable(records):
    return [record for record in records if record.entry.erasure != Erasure.KEEP]


@transaction.atomic
def erase_person(records, user):
    """Erase every record by its registered rule; kept records are left as they are.

    Returns the PrivacyRequest that logs it.
    """
    user_model = get_user_model()
    for record in records:
        if isinstance(record.obj, user_model) and record.obj.pk == user.pk:
            raise ErasureRefused(_("You cannot erase your own account."))
    targets = erasable(records)
    request = _record_request(PrivacyRequest.Action.ERASE, targets, user)
    for record in targets:
        _erase_record(record, user)
    return request
