"""Run every registered retention rule (`manage.py purge_personal_data`)."""

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from . import registry


@dataclass
class RuleResult:
    entry: registry.PersonalData
    count: int


def run_retention_rules(*, now=None, dry_run=False):
    """Each rule cleans what is past its retention time; running again changes nothing."""
    now = now or timezone.now()
    results = []
    for entry in registry.entries():
        if entry.purge is None:
            continue
        with transaction.atomic():
            results.append(RuleResult(entry, entry.purge(now=now, dry_run=dry_run)))
    return results
