"""Load reference data from `seeds/` idempotently: a second run changes nothing."""

import csv
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select

from livinglab.config import PROJECT_ROOT
from livinglab.domain import regions as region_rules
from livinglab.extensions import db
from livinglab.models import (
    Agency,
    Aspect,
    Domain,
    Framework,
    Innovation,
    LevelDefinition,
    OutcomeMeasure,
    Practice,
    PracticeSupport,
    PredicateBand,
    Region,
)

SEEDS = PROJECT_ROOT / "seeds"

AGENCIES = (
    ("kemendagri", "Kemendagri", "Kementerian Dalam Negeri"),
    ("kemenpanrb", "KemenPAN-RB", "Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi"),
    ("komdigi", "Komdigi", "Kementerian Komunikasi dan Digital"),
    ("bssn", "BSSN", "Badan Siber dan Sandi Negara"),
    ("bappenas", "Bappenas", "Kementerian PPN/Badan Perencanaan Pembangunan Nasional"),
    ("bskdn", "BSKDN Kemendagri", "Badan Strategi Kebijakan Dalam Negeri (dahulu Balitbang Kemendagri)"),
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


# --- practice catalogue ---------------------------------------------------------------------

FRAMEWORKS = SEEDS / "frameworks"


def _framework_files(path=None):
    if path:
        return [Path(path)]
    return sorted(
        FRAMEWORKS.glob("*.json"),
        key=lambda p: (json.loads(p.read_text("utf-8")).get("levels_from") is not None, p.name),
    )


def _indicator_rows(spec, base):
    with open(base / spec["indicators_csv"], newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _load_framework(spec, base, result):
    framework = db.session.scalar(select(Framework).where(Framework.code == spec["code"]))
    values = {
        "code": spec["code"],
        "family": spec["family"],
        "version": str(spec["version"]),
        "name": spec["name"],
        "name_en": spec.get("name_en"),
        "source": spec.get("source"),
        "official": bool(spec.get("official", True)),
    }
    existing = {framework.code: framework} if framework else {}
    framework = _upsert(existing, spec["code"], values, result, Framework)
    db.session.flush()
    children = SeedResult("catalogue rows")
    domains = {d.code: d for d in db.session.scalars(select(Domain).where(Domain.framework_id == framework.id))}
    aspects = {
        a.code: a for a in db.session.scalars(select(Aspect).join(Domain).where(Domain.framework_id == framework.id))
    }
    practices = {p.code: p for p in db.session.scalars(select(Practice).where(Practice.framework_id == framework.id))}

    if "indicators_csv" in spec:
        durations = spec.get("default_duration_days", {})
        rows = _indicator_rows(spec, base)
        for row in {r["domain_code"]: r for r in reversed(rows)}.values():
            values = {
                "framework": framework,
                "code": row["domain_code"],
                "name": row["domain"],
                "name_en": spec.get("domains_en", {}).get(row["domain_code"]),
                "weight": Decimal(row["domain_weight"]),
                "position": int(row["domain_code"][1:]),
            }
            _upsert(domains, row["domain_code"], values, children, Domain)
        for row in {r["aspect_code"]: r for r in reversed(rows)}.values():
            values = {
                "domain": domains[row["domain_code"]],
                "code": row["aspect_code"],
                "name": row["aspect"],
                "name_en": spec.get("aspects_en", {}).get(row["aspect_code"]),
                "weight": Decimal(row["aspect_weight"]),
                "position": int(row["aspect_code"][1:]),
            }
            _upsert(aspects, row["aspect_code"], values, children, Aspect)
        for position, row in enumerate(rows, start=1):
            aspect = aspects[row["aspect_code"]]
            number = int(row["number"])
            code = f"{spec.get('code_prefix', '')}{number:02d}"
            _upsert(
                practices,
                code,
                {
                    "framework": framework,
                    "aspect": aspect,
                    "code": code,
                    "number": number,
                    "title": row["name"],
                    "weight": Decimal(row["indicator_weight"]),
                    "level_scale": row["level_scale"],
                    "position": position,
                    "default_duration_days": durations.get(row["domain_code"], 365),
                    "per_region_sector": number in spec.get("sector_indicators", ()),
                },
                children,
                Practice,
            )
    for position, item in enumerate(spec.get("practices", []), start=1):
        _upsert(
            practices,
            item["code"],
            {
                "framework": framework,
                "code": item["code"],
                "title": item["title"],
                "title_en": item.get("title_en"),
                "description": item.get("description"),
                "evidence_hint": item.get("evidence_hint"),
                "weight": Decimal(str(item.get("weight", 1))),
                "level_scale": item.get("level_scale", "process"),
                "position": position,
                "default_duration_days": int(item.get("default_duration_days", 365)),
            },
            children,
            Practice,
        )

    levels_spec = spec.get("levels")
    if levels_spec is None and spec.get("levels_from"):
        source = db.session.scalar(select(Framework).where(Framework.code == spec["levels_from"]))
        if source is None:
            raise ValueError(f"{spec['code']}: levels_from {spec['levels_from']!r} is not loaded")
        levels_spec = {}
        for level in source.levels:
            levels_spec.setdefault(level.scale, []).append(
                [level.level, level.label, level.label_en, level.description, level.description_en]
            )
    levels = {
        (lv.scale, lv.level): lv
        for lv in db.session.scalars(select(LevelDefinition).where(LevelDefinition.framework_id == framework.id))
    }
    for scale, rows in (levels_spec or {}).items():
        for level, label, label_en, description, description_en in rows:
            _upsert(
                levels,
                (scale, level),
                {
                    "framework_id": framework.id,
                    "scale": scale,
                    "level": level,
                    "label": label,
                    "label_en": label_en,
                    "description": description,
                    "description_en": description_en,
                },
                children,
                LevelDefinition,
            )
    bands = {
        b.label: b for b in db.session.scalars(select(PredicateBand).where(PredicateBand.framework_id == framework.id))
    }
    for min_score, label, label_en in spec.get("predicate_bands", []):
        _upsert(
            bands,
            label,
            {
                "framework_id": framework.id,
                "min_score": Decimal(str(min_score)),
                "label": label,
                "label_en": label_en,
            },
            children,
            PredicateBand,
        )
    result.added += children.added
    result.updated += children.updated
    result.unchanged += children.unchanged
    db.session.flush()
    return framework


def seed_catalogue(path=None):
    """Load every framework in seeds/frameworks/ (or one file); returns a SeedResult.

    A framework is matched by its code, so a new version (new code) is loaded beside the old one
    and existing commitments keep pointing at the practices they were made with.
    """
    result = SeedResult("Catalogue")
    for file in _framework_files(path):
        spec = json.loads(file.read_text(encoding="utf-8"))
        framework = _load_framework(spec, file.parent, result)
        total = sum(p.weight for p in framework.practices)
        if spec.get("indicators_csv") and total != 100:
            raise ValueError(f"{file.name}: indicator weights sum to {total}, not 100")
    if path is None:
        _load_supports(SUPPORTS_CSV, result)
        _load_innovations(INNOVATIONS_JSON, result)
    db.session.commit()
    return result


# The registry of regional innovations (originator, PP 38/2017 type, outcome measures, source).
INNOVATIONS_JSON = SEEDS / "innovations.json"


def _load_innovations(path, result):
    """Upsert the innovations of the registry file by code, with their outcome measures (added, never
    removed: adopters may have reported on them). Innovations a host admin added are left alone."""
    existing = {i.code: i for i in db.session.scalars(select(Innovation))}
    for item in json.loads(path.read_text(encoding="utf-8"))["innovations"]:
        origin = item["originator"]
        model, column = (Region, Region.code) if origin["kind"] == "region" else (Agency, Agency.code)
        holder = db.session.scalar(select(model).where(column == origin["code"]))
        if holder is None:
            raise ValueError(f"{path.name}: unknown originator {origin['code']!r} (run `livinglab seed regions` first)")
        values = {
            "code": item["code"],
            "name": item["name"],
            "originator_region_id": holder.id if model is Region else None,
            "originator_agency_id": holder.id if model is Agency else None,
            "type": item["type"],
            "description": item.get("description"),
            "first_year": item.get("first_year"),
            "source": item.get("source"),
        }
        innovation = _upsert(existing, item["code"], values, result, Innovation)
        known = {m.name for m in innovation.measures}
        for measure in item.get("measures", ()):
            if measure["name"] not in known:
                innovation.measures.append(OutcomeMeasure(name=measure["name"], unit=measure["unit"]))
                result.added += 1
    db.session.flush()


# Which SPBE 2020 indicators each host practice supports (a suggestion on verification, no weight).
SUPPORTS_CSV = SEEDS / "host_practice_indicators.csv"
SUPPORTS_FROM, SUPPORTS_TO = "host-practices", "spbe-2020"


def _practices_of(framework_code):
    return {
        p.code: p
        for p in db.session.scalars(select(Practice).join(Practice.framework).where(Framework.code == framework_code))
    }


def _load_supports(path, result):
    """Load the support mapping (a row with an empty indicator says "none", with the reason); rows
    no longer in the file are removed. Practices a host admin added in the UI support nothing."""
    hosts, indicators = _practices_of(SUPPORTS_FROM), _practices_of(SUPPORTS_TO)
    if not hosts or not indicators:
        return
    with open(path, newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    wanted = {}
    for row in rows:
        code, indicator = row["practice"].strip(), row["indicator"].strip()
        if code not in hosts:
            raise ValueError(f"{path.name}: unknown host practice {code!r}")
        if not indicator:
            continue
        if indicator not in indicators:
            raise ValueError(f"{path.name}: unknown indicator {indicator!r} for {code}")
        wanted[(hosts[code].id, indicators[indicator].id)] = row["rationale"].strip() or None
    existing = {(s.practice_id, s.indicator_id): s for s in db.session.scalars(select(PracticeSupport))}
    for key, rationale in wanted.items():
        values = {"practice_id": key[0], "indicator_id": key[1], "rationale": rationale}
        _upsert(existing, key, values, result, PracticeSupport)
    for key, row in existing.items():
        if key not in wanted:
            db.session.delete(row)
            result.updated += 1
