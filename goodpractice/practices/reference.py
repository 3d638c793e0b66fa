"""Load the curated taxonomy (themes, target groups, evidence levels) from CSV."""

import csv
from pathlib import Path

from django.db import transaction

from .models import EvidenceLevel, TargetGroup, Theme, ThesaurusConcept

DATA_DIR = Path(__file__).resolve().parent / "data"


def _rows(name):
    with open(DATA_DIR / name, encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _upsert(model, slug, defaults):
    obj, created = model.objects.get_or_create(slug=slug, defaults=defaults)
    if not created and any(getattr(obj, k) != v for k, v in defaults.items()):
        for key, value in defaults.items():
            setattr(obj, key, value)
        obj.save()
    return created


@transaction.atomic
def load_taxonomy():
    """Create or update the taxonomy. Returns {model name: (created, total)}."""
    result = {}
    for model, filename in ((Theme, "themes.csv"), (TargetGroup, "target-groups.csv")):
        rows = list(_rows(filename))
        created = sum(
            _upsert(
                model,
                row["slug"],
                {
                    "name_fi": row["name_fi"],
                    "name_sv": row["name_sv"],
                    "name_en": row["name_en"],
                    "sort_order": position,
                },
            )
            for position, row in enumerate(rows)
        )
        result[model._meta.verbose_name_plural] = (created, len(rows))
    rows = list(_rows("evidence-levels.csv"))
    # The reference file explains the levels in English; our translations sit beside it.
    meanings = {row["slug"]: row for row in _rows("evidence-level-meanings.csv")}
    created = sum(
        _upsert(
            EvidenceLevel,
            row["slug"],
            {
                "rank": int(row["rank"]),
                "name_fi": row["name_fi"],
                "name_sv": row["name_sv"],
                "name_en": row["name_en"],
                "meaning_fi": meanings.get(row["slug"], {}).get("meaning_fi", ""),
                "meaning_sv": meanings.get(row["slug"], {}).get("meaning_sv", ""),
                "meaning_en": row["meaning_en"],
            },
        )
        for row in rows
    )
    result[EvidenceLevel._meta.verbose_name_plural] = (created, len(rows))
    result[ThesaurusConcept._meta.verbose_name_plural] = load_thesaurus()
    return result


def load_thesaurus():
    """Add the glossary's concepts; terms editors changed in the admin are kept."""
    rows = list(_rows("glossary.csv"))
    created = 0
    for row in rows:
        _obj, new = ThesaurusConcept.objects.get_or_create(
            slug=row["concept"],
            defaults={"terms_fi": row["fi"], "terms_sv": row["sv"], "terms_en": row["en"]},
        )
        created += new
    return created, len(rows)
