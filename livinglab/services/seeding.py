"""Load reference data from `seeds/` idempotently: a second run changes nothing."""

import csv
from dataclasses import dataclass

from sqlalchemy import select

from livinglab.config import PROJECT_ROOT
from livinglab.domain import regions as region_rules
from livinglab.extensions import db
from livinglab.models import Agency, Region

SEEDS = PROJECT_ROOT / "seeds"

AGENCIES = (
    ("kemendagri", "Kemendagri", "Kementerian Dalam Negeri"),
    ("kemenpanrb", "KemenPAN-RB", "Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi"),
    ("komdigi", "Komdigi", "Kementerian Komunikasi dan Digital"),
    ("bssn", "BSSN", "Badan Siber dan Sandi Negara"),
    ("bappenas", "Bappenas", "Kementerian PPN/Badan Perencanaan Pembangunan Nasional"),
)


@dataclass
class SeedResult:
    what: str
    added: int = 0
    updated: int = 0
    unchanged: int = 0

    @property
    def changed(self):
        return self.added + self.updated

    def __str__(self):
        text = f"{self.what}: {self.added} added, {self.updated} updated, {self.unchanged} unchanged"
        return text if self.changed else f"{text} (already up to date, nothing changed)"


def _upsert(existing, key, values, result, factory):
    row = existing.get(key)
    if row is None:
        row = factory(**values)
        db.session.add(row)
        existing[key] = row
        result.added += 1
        return row
    changed = False
    for field, value in values.items():
        if getattr(row, field) != value:
            setattr(row, field, value)
            changed = True
    if changed:
        result.updated += 1
    else:
        result.unchanged += 1
    return row


def seed_regions(path=None):
    """Load provinces, regencies and cities from `seeds/regions.csv`; returns a SeedResult."""
    path = path or SEEDS / "regions.csv"
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    existing = {r.code: r for r in db.session.scalars(select(Region))}
    result = SeedResult("Regions")
    for row in sorted(rows, key=lambda r: (r["kind"] != "province", r["code"])):
        code = row["code"].strip()
        if row["kind"] != region_rules.kind_for(code):
            raise ValueError(f"{path}: kind {row['kind']!r} does not match code {code}")
        parent = existing.get(row["parent_code"].strip()) if row["parent_code"].strip() else None
        values = {
            "code": code,
            "name": row["name"].strip(),
            "kind": row["kind"],
            "parent": parent,
            "timezone": region_rules.timezone_for(code),
            "administrative": region_rules.is_administrative(code),
        }
        _upsert(existing, code, values, result, Region)
    db.session.commit()
    return result


def seed_agencies():
    existing = {a.code: a for a in db.session.scalars(select(Agency))}
    result = SeedResult("Agencies")
    for code, name, full_name in AGENCIES:
        _upsert(existing, code, {"code": code, "name": name, "full_name": full_name}, result, Agency)
    db.session.commit()
    return result
