"""Load municipalities and wellbeing services counties from the bundled CSV files."""

import csv
from pathlib import Path

from django.db import transaction
from django.utils.text import slugify

from .models import HELSINKI_CODE, Organisation

DATA_DIR = Path(__file__).resolve().parent / "data"


def _rows(name):
    with open(DATA_DIR / name, encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _upsert(code, defaults):
    organisation, created = Organisation.objects.get_or_create(code=code, defaults=defaults)
    if not created:
        changed = {k: v for k, v in defaults.items() if getattr(organisation, k) != v}
        if changed:
            for key, value in changed.items():
                setattr(organisation, key, value)
            organisation.save()
    return organisation, created


@transaction.atomic
def load_organisations():
    """Create or update counties and municipalities. Returns (created, total)."""
    created_count = 0
    counties = {}
    for row in _rows("wellbeing-counties.csv"):
        county, created = _upsert(
            row["code"],
            {
                "kind": Organisation.Kind.COUNTY,
                "slug": slugify(row["name_fi"]),
                "name_fi": row["name_fi"],
                "name_sv": row["name_sv"],
                "name_en": f"{row['short_name_fi']} wellbeing services county",
                "population": int(row["population_2020"] or 0) or None,
            },
        )
        counties[row["code"]] = county
        created_count += created
    municipalities = list(_rows("finland-municipalities.csv"))
    for row in municipalities:
        organisation, created = _upsert(
            row["code"],
            {
                "kind": Organisation.Kind.MUNICIPALITY,
                "slug": _municipality_slug(row),
                "name_fi": row["name_fi"],
                "name_sv": row["name_sv"],
                "name_en": row["name_fi"],
                "population": int(row["population_2020"] or 0) or None,
            },
        )
        created_count += created
        region = counties.get(row["wellbeing_county"])
        if row["code"] == HELSINKI_CODE:
            region = organisation
        if organisation.region_id != (region.pk if region else None):
            organisation.region = region
            organisation.save(update_fields=["region"])
    return created_count, len(counties) + len(municipalities)


def _municipality_slug(row):
    slug = slugify(row["name_fi"])
    # A few municipality names are also county short names; keep slugs unique.
    if Organisation.objects.filter(slug=slug).exclude(code=row["code"]).exists():
        slug = f"{slug}-{row['code']}"
    return slug
